using System.Diagnostics;
using System.Globalization;
using Grpc.Net.Client;

namespace FabricEvidence.Gateway.Benchmarks;

/// <summary>
/// What a storm of failing calls does to the client's memory: many closed loops of evaluations that fail at once with
/// <c>Unavailable</c> (a peer that is down, or a gateway with no endorsers). The process's memory must end where it
/// started: a failing call must not leave buffers, spans or retry state behind.
/// </summary>
internal static class Storm
{
    public static async Task RunAsync(BenchIdentity identity, int calls, int loops)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Storm of {calls:N0} failing evaluations in {loops} loops, .NET {Environment.Version}, {Environment.ProcessorCount} cores"));
        Console.WriteLine();
        Console.WriteLine("Each target gets three storms in a row; memory is read after full collections before the first and after each.");
        Console.WriteLine();
        Console.WriteLine("| Target | Calls per storm | Seconds per storm | Working set: before, after 1, 2, 3 | GC heap: before, after 1, 2, 3 |");
        Console.WriteLine("|---|---:|---:|---|---|");
        await using (var failing = await ServerProcess.StartAsync(failing: true))
        {
            await RunOneAsync("server answering Unavailable", "http://" + failing.Address, identity, calls, loops);
        }

        // A port nothing listens on: the connection is refused at once.
        await RunOneAsync("closed port (connection refused)", "http://127.0.0.1:1", identity, calls, loops);
    }

    private static async Task RunOneAsync(string target, string address, BenchIdentity identity, int calls, int loops)
    {
        using var channel = GrpcChannel.ForAddress(address);
        await using var gateway = identity.Connect(channel);
        var contract = gateway.GetNetwork("mychannel").GetContract("basic");

        // Warm up (JIT, connection attempts) so that "before" is the steady state.
        await StormAsync(contract, Math.Min(2_000, calls), loops);
        var sets = new List<long>();
        var heaps = new List<long>();
        var (set, heap) = Measure();
        sets.Add(set);
        heaps.Add(heap);
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < 3; round++)
        {
            var failures = await StormAsync(contract, calls, loops);
            if (failures != calls)
            {
                throw new InvalidOperationException($"{calls - failures} of the calls to {target} did not fail; the storm measures failing calls only.");
            }

            (set, heap) = Measure();
            sets.Add(set);
            heaps.Add(heap);
        }

        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {target} | {calls:N0} | {watch.Elapsed.TotalSeconds / 3:F1} | {string.Join(", ", sets.Select(b => (b / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)))} MiB | {string.Join(", ", heaps.Select(b => (b / 1048576.0).ToString("F2", CultureInfo.InvariantCulture)))} MiB |"));
    }

    private static async Task<int> StormAsync(IContract contract, int calls, int loops)
    {
        var remaining = calls;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, loops).Select(async _ =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                try
                {
                    await contract.EvaluateTransactionAsync("ReadAsset", ["asset1"]);
                }
                catch (EvaluateException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        return failures;
    }

    private static (long WorkingSet, long Heap) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return (process.WorkingSet64, info.HeapSizeBytes - info.FragmentedBytes);
    }
}
