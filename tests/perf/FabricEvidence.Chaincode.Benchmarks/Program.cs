using System.Diagnostics;
using System.Globalization;
using System.Text;
using FabricEvidence.Chaincode;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.TestSupport;
using Microsoft.Extensions.Logging;

// See README.md beside this file for what is measured and why.
//   compare [seconds] [rounds] [--driver raw|grpc|both] [--placement shared|split|single] [--in-flight 1,64] [--held 1000]
//   serve <port>   our runtime serving the reference chaincode (started by compare)
if (args.FirstOrDefault() == "serve")
{
    return await Serve(int.Parse(args[1], CultureInfo.InvariantCulture));
}

BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (FormatException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: dotnet run -c Release -- compare [seconds-per-run] [rounds] [--driver raw|grpc|both] [--placement shared|split|single] [--in-flight 1,64] [--held 1000]");
    return 2;
}

if (settings.Placement != Placement.Shared && !Pinning.IsPinned)
{
    return await Pinning.RerunPinnedAsync(args);
}

return await new Comparison(settings).RunAsync();

static async Task<int> Serve(int port)
{
    var builder = ChaincodeServer.CreateBuilder([]);
    builder.Configuration["CHAINCODE_SERVER_ADDRESS"] = $"127.0.0.1:{port}";
    builder.Configuration["CHAINCODE_ID"] = ReferenceServers.ChaincodeId;
    builder.Configuration["CORE_PEER_LOCALMSPID"] = ReferenceServers.MspId;
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.AddChaincode(new StatsChaincode(new ReferenceChaincode()));
    await using var server = builder.Build();
    await server.StartAsync();
    Console.WriteLine($"LISTENING {server.Port}");
    await server.RunAsync();
    return 0;
}

/// <summary>Where the processes run (Linux, with taskset).</summary>
internal enum Placement
{
    /// <summary>The OS schedules every process on every CPU.</summary>
    Shared,

    /// <summary>The driver on CPU 0, the chaincode servers on the others, as separate hosts would be.</summary>
    Split,

    /// <summary>Everything on CPU 0: no cross-CPU wake-ups, so throughput is the inverse of the CPU time one transaction costs the driver and the chaincode together.</summary>
    Single,
}

internal sealed record BenchmarkSettings(double Seconds, int Rounds, PeerTransport[] Drivers, Placement Placement, int[] InFlight, int Held)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(Seconds);

    /// <summary>Long enough for tiered compilation (and V8's optimiser) to settle before anything is measured.</summary>
    public TimeSpan WarmUp => TimeSpan.FromSeconds(Math.Clamp(Seconds, 2, 5));

    public static BenchmarkSettings Parse(string[] args)
    {
        var positional = new List<string>();
        var drivers = new[] { PeerTransport.RawHttp2, PeerTransport.Grpc };
        var placement = Placement.Shared;
        int[] inFlight = [1, 64];
        var held = 1000;
        for (var i = args.Length > 0 && args[0] == "compare" ? 1 : 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--driver":
                    drivers = Value(args, ref i) switch
                    {
                        "raw" => [PeerTransport.RawHttp2],
                        "grpc" => [PeerTransport.Grpc],
                        "both" => drivers,
                        var other => throw new FormatException($"--driver {other}: expected raw, grpc or both."),
                    };
                    break;
                case "--placement":
                    placement = Value(args, ref i) switch
                    {
                        "shared" => Placement.Shared,
                        "split" => Placement.Split,
                        "single" => Placement.Single,
                        var other => throw new FormatException($"--placement {other}: expected shared, split or single."),
                    };
                    break;
                case "--in-flight":
                    var list = Value(args, ref i);
                    inFlight = list.Split(',').Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var v) && v > 0
                        ? v : throw new FormatException($"--in-flight {list}: expected positive numbers separated by commas.")).ToArray();
                    break;
                case "--held":
                    var heldText = Value(args, ref i);
                    held = int.TryParse(heldText, CultureInfo.InvariantCulture, out var h) && h >= 0
                        ? h : throw new FormatException($"--held {heldText}: expected a number of transactions (0 skips the memory measurement).");
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        var seconds = positional.Count > 0 ? double.Parse(positional[0], CultureInfo.InvariantCulture) : 5;
        var rounds = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 3;
        if (placement == Placement.Split && Pinning.MachineCpus < 2)
        {
            throw new FormatException("--placement split needs at least 2 CPUs.");
        }

        return new BenchmarkSettings(seconds, rounds, drivers, placement, inFlight, held);
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new FormatException($"{args[i - 1]} needs a value.");
}

/// <summary>CPU placement for <see cref="Placement.Split"/>, with taskset: the runtime reads its CPU count at start, so each process must start pinned.</summary>
internal static class Pinning
{
    /// <summary>Set in the re-launched (pinned) benchmark to the machine's CPU count, which it can no longer see itself.</summary>
    public const string PinnedVariable = "FE_BENCH_MACHINE_CPUS";

    public static bool IsPinned => Environment.GetEnvironmentVariable(PinnedVariable) is not null;

    public static int MachineCpus =>
        int.TryParse(Environment.GetEnvironmentVariable(PinnedVariable), CultureInfo.InvariantCulture, out var cpus) ? cpus : Environment.ProcessorCount;

    public static async Task<int> RerunPinnedAsync(string[] args)
    {
        var psi = SelfStart(["-c", "0"], args);
        psi.Environment[PinnedVariable] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("taskset did not start.");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>The CPUs the chaincode servers get: all but CPU 0 when split, CPU 0 when single.</summary>
    public static string ChaincodeCpus(Placement placement) => placement == Placement.Single ? "0" : $"1-{MachineCpus - 1}";

    /// <summary>The same as an affinity mask.</summary>
    public static nint ChaincodeMask(Placement placement) => placement == Placement.Single ? 1 : (nint)(((1L << MachineCpus) - 1) & ~1L);

    /// <summary>This program under taskset (when <paramref name="taskset"/> is given) with <paramref name="args"/>.</summary>
    public static ProcessStartInfo SelfStart(string[]? taskset, IEnumerable<string> args)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(taskset is null ? self : "taskset") { UseShellExecute = false };
        if (taskset is not null)
        {
            foreach (var a in taskset)
            {
                psi.ArgumentList.Add(a);
            }

            psi.ArgumentList.Add(self);
        }

        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.ArgumentList.Add(typeof(StatsChaincode).Assembly.Location);
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return psi;
    }
}

internal sealed class Comparison(BenchmarkSettings settings)
{
    private readonly List<Result> _results = [];
    private readonly List<HeldResult> _held = [];

    public async Task<int> RunAsync()
    {
        PrintHeader();
        await using (var node = await ReferenceServers.StartNodeAsync())
        await using (var dotnet = await StartDotnetAsync())
        {
            if (settings.Placement != Placement.Shared && OperatingSystem.IsLinux())
            {
                // Node inherits the driver's CPU 0 (NodeRunner launches it); one thread runs its JavaScript, so
                // pinning it now is enough.
                node.NodeProcess!.Process.ProcessorAffinity = Pinning.ChaincodeMask(settings.Placement);
            }

            // A first pass that is not measured: both processes of each pair JIT (or optimise) the paths of every
            // configuration, so round 1 is not slower than the others.
            foreach (var driver in settings.Drivers)
            {
                foreach (var server in new[] { node, dotnet })
                {
                    await RunAsync(server.Name, server.Address, driver, settings.InFlight.Max(), round: 0, measure: false);
                }
            }

            // Every configuration runs once per round and the two implementations alternate (which goes first swaps
            // each round), so a change in the machine's load cannot favour one of them.
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var driver in settings.Drivers)
                {
                    foreach (var inFlight in settings.InFlight)
                    {
                        foreach (var server in round % 2 == 1 ? new[] { node, dotnet } : [dotnet, node])
                        {
                            var result = (await RunAsync(server.Name, server.Address, driver, inFlight, round))!;
                            _results.Add(result);
                            Console.WriteLine($"  round {round}: driver {DriverName(driver),-4} {result.Implementation,-6} in flight {result.InFlight,2}: {result.Tps,9:N0} tx/s");
                        }
                    }
                }
            }

            if (settings.Held > 0)
            {
                foreach (var server in new[] { node, dotnet })
                {
                    var held = await MeasureHeldAsync(server.Name, server.Address);
                    _held.Add(held);
                    Console.WriteLine($"  {settings.Held} held in flight: {held.Implementation,-6} {held.HeapPerTransaction / 1024:N1} KiB heap per transaction");
                }
            }
        }

        PrintResults();
        return 0;
    }

    private void PrintHeader()
    {
        Console.WriteLine("Chaincode runtime benchmark: GetState + PutState per transaction, driven by the protocol test peer on loopback.");
        Console.WriteLine($"Machine: {Pinning.MachineCpus} CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, node {NodeVersion()}");
        Console.WriteLine($"Drivers: {string.Join(", ", settings.Drivers.Select(DriverName))}; placement: {settings.Placement.ToString().ToLowerInvariant()}" +
            settings.Placement switch
            {
                Placement.Split => $" (driver on CPU 0, chaincode on CPU {Pinning.ChaincodeCpus(Placement.Split)})",
                Placement.Single => " (driver and chaincode on CPU 0)",
                _ => " (the OS schedules every process on every CPU)",
            });
        Console.WriteLine($"Each run: {settings.WarmUp.TotalSeconds:0.#} s warm-up, then {settings.Seconds:0.#} s measured; {settings.Rounds} rounds.");
        Console.WriteLine();
    }

    private void PrintResults()
    {
        Console.WriteLine();
        Console.WriteLine("| driver | implementation | in flight | tx/s best | tx/s median | p50 latency | p99 latency | chaincode CPU / tx | driver CPU / tx | allocated / tx | memory idle | under load |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in _results.GroupBy(r => (r.Driver, r.Implementation, r.InFlight))
            .OrderBy(g => g.Key.Driver).ThenBy(g => g.Key.InFlight).ThenBy(g => g.Key.Implementation, StringComparer.Ordinal))
        {
            var best = group.MaxBy(r => r.Tps)!;
            var allocated = best.AllocatedPerTx is { } a ? $"{a:N0} B" : "n/a";
            Console.WriteLine($"| {DriverName(best.Driver)} | {best.Implementation} | {best.InFlight} | {best.Tps:N0} | {Median(group.Select(r => r.Tps)):N0} | " +
                $"{best.P50.TotalMilliseconds:0.000} ms | {best.P99.TotalMilliseconds:0.000} ms | {best.CpuPerTx:0.0} µs | {best.DriverCpuPerTx:0.0} µs | {allocated} | " +
                $"{Mb(best.MemoryIdle)} | {Mb(best.MemoryLoaded)} |");
        }

        Console.WriteLine();
        foreach (var driver in settings.Drivers)
        {
            foreach (var inFlight in settings.InFlight)
            {
                var runs = _results.Where(r => r.Driver == driver && r.InFlight == inFlight).ToList();
                var ratios = runs.GroupBy(r => r.Round).Select(g => g.Single(r => r.Implementation == "dotnet").Tps / g.Single(r => r.Implementation == "node").Tps).ToList();
                var nodeRuns = runs.Where(r => r.Implementation == "node").ToList();
                var dotnetRuns = runs.Where(r => r.Implementation == "dotnet").ToList();
                Console.WriteLine($"driver {DriverName(driver)}, in flight {inFlight}: dotnet / node throughput {dotnetRuns.Max(r => r.Tps) / nodeRuns.Max(r => r.Tps):0.00}x (best rounds), " +
                    $"{Median(ratios):0.00}x (median of rounds: {string.Join(", ", ratios.Select(r => $"{r:0.00}x"))}); " +
                    $"node / dotnet chaincode CPU per tx {Median(nodeRuns.Select(r => r.CpuPerTx)) / Median(dotnetRuns.Select(r => r.CpuPerTx)):0.00}x (medians)");
            }
        }

        if (_held.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"Memory per in-flight transaction: {settings.Held} transactions held at their GET_STATE, each process measured after a full garbage collection, before and while they are held.");
            Console.WriteLine();
            Console.WriteLine("| implementation | heap idle | heap held | heap per transaction | memory idle | memory held | memory per transaction |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            foreach (var held in _held)
            {
                Console.WriteLine($"| {held.Implementation} | {Mb(held.Idle.Heap)} | {Mb(held.Held.Heap)} | {held.HeapPerTransaction / 1024:N1} KiB | " +
                    $"{Mb(held.Idle.Memory)} | {Mb(held.Held.Memory)} | {held.MemoryPerTransaction / 1024:N1} KiB |");
            }
        }

        Console.WriteLine();
        Console.WriteLine("chaincode CPU / tx: user + system CPU of the chaincode process during the run (its whole process, idle threads' spinning included) / transactions.");
        Console.WriteLine("driver CPU / tx: the same for this process, the test peer. allocated / tx: GC.GetTotalAllocatedBytes delta of the .NET chaincode / transactions.");
        Console.WriteLine("memory: .NET working set, node RSS, read inside the chaincode process. heap (held table): live bytes after full collections (.NET GC heap less fragmentation; node V8 heapUsed after gc()).");
    }

    private async Task<ChaincodeUnderTest> StartDotnetAsync()
    {
        var port = ReferenceServers.FreePort();
        var serveArgs = new List<string> { "serve", port.ToString(CultureInfo.InvariantCulture) };
        var psi = Pinning.SelfStart(settings.Placement == Placement.Shared ? null : ["-c", Pinning.ChaincodeCpus(settings.Placement)], serveArgs);
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.Environment.Remove(Pinning.PinnedVariable);
        var process = Process.Start(psi)!;
        var server = new NodeProcess(process);
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                server.StartDrainingStdout();
                return ReferenceServers.Wrap("dotnet", $"http://127.0.0.1:{port}", server);
            }
        }

        throw new InvalidOperationException("The dotnet chaincode server did not start: " + server.Stderr);
    }

    /// <summary>Warms up, then (when <paramref name="measure"/>) measures one configuration; <see langword="null"/> for a warm-up only.</summary>
    private async Task<Result?> RunAsync(string implementation, string address, PeerTransport driver, int inFlight, int round, bool measure = true)
    {
        var options = new TestPeerOptions
        {
            RecordTranscript = false,
            CommitOnSuccess = false,
            Transport = driver,

            // The raw driver runs the whole peer on its read loop; the gRPC driver keeps the default hop.
            ResumeCallersOnReadLoop = driver == PeerTransport.RawHttp2,
            Ledger = SeededLedger(),
        };
        await using var peer = await TestPeer.ConnectAsync(address, options);
        var value = new string('x', 100);

        // Signed proposals are made once, outside the measurement: signing is the client's cost, not the chaincode's.
        // Worker w uses proposals w, w + inFlight, ... so no two transactions in flight share a txid.
        var proposals = Enumerable.Range(0, 1024).Select(i =>
        {
            var input = new FabricEvidence.Protocol.Peer.ChaincodeInput();
            input.Args.Add(Google.Protobuf.ByteString.CopyFromUtf8("getput"));
            var (proposal, txId, _) = peer.Proposals.Create(options.ChannelId, options.ChaincodeName, input);
            return (proposal, txId);
        }).ToArray();

        await Load(peer, proposals, inFlight, settings.WarmUp, value, null);
        if (!measure)
        {
            return null;
        }

        var before = await Stats(peer);
        var driverCpuBefore = DriverCpu();
        var latencies = new List<double>();
        var stopwatch = Stopwatch.StartNew();
        var (count, sample) = await Load(peer, proposals, inFlight, settings.Duration, value, latencies);
        stopwatch.Stop();
        var driverCpu = DriverCpu() - driverCpuBefore;
        var after = await Stats(peer);
        latencies.Sort();
        return new Result(driver, implementation, inFlight, round, count / stopwatch.Elapsed.TotalSeconds,
            Percentile(latencies, 0.50), Percentile(latencies, 0.99),
            implementation == "dotnet" ? (after.Allocated - before.Allocated) / (double)count : null,
            before.Memory, Math.Max(sample.Memory, after.Memory),
            (after.CpuMicroseconds - before.CpuMicroseconds) / (double)count, driverCpu.TotalMicroseconds / count);
    }

    /// <summary>
    /// Memory per in-flight transaction: starts <see cref="BenchmarkSettings.Held"/> transactions whose GET_STATE the
    /// peer answers only after a delay, and measures the chaincode's live heap (after a full collection) and resident
    /// memory before and while they are all held.
    /// </summary>
    private async Task<HeldResult> MeasureHeldAsync(string implementation, string address)
    {
        var hold = TimeSpan.FromSeconds(10);
        var options = new TestPeerOptions
        {
            RecordTranscript = false,
            CommitOnSuccess = false,
            Transport = PeerTransport.RawHttp2,
            ResponseDelay = hold,
            TransactionTimeout = hold * 3,
            Ledger = SeededLedger(),
        };
        await using var peer = await TestPeer.ConnectAsync(address, options);
        var value = new string('x', 100);
        var idle = await Stats(peer, collect: true);
        var started = Stopwatch.StartNew();
        var transactions = Enumerable.Range(0, settings.Held)
            .Select(i => peer.ExecuteAsync(new TransactionRequest("getput", $"bench{i % 1000:D4}", value)))
            .ToList();
        while (peer.RequestsReceived < settings.Held)
        {
            if (started.Elapsed > hold / 2)
            {
                throw new InvalidOperationException($"{implementation}: only {peer.RequestsReceived} of {settings.Held} transactions reached GET_STATE within {hold / 2}; the measurement needs them all held.");
            }

            await Task.Delay(10);
        }

        var held = await Stats(peer, collect: true);
        if (started.Elapsed >= hold)
        {
            throw new InvalidOperationException($"{implementation}: the held transactions were released before the measurement ended.");
        }

        foreach (var result in await Task.WhenAll(transactions))
        {
            if (result.Status != 200)
            {
                throw new InvalidOperationException($"A held transaction failed: {result}");
            }
        }

        return new HeldResult(implementation, idle, held, settings.Held);
    }

    /// <summary>The keys the benchmark transactions read and write: bench0000 to bench0999.</summary>
    private static InMemoryLedger SeededLedger()
    {
        var ledger = new InMemoryLedger();
        for (var i = 0; i < 1000; i++)
        {
            ledger.Seed($"bench{i:D4}", "0000000000");
        }

        return ledger;
    }

    private static async Task<(long Count, Stats Sample)> Load(TestPeer peer, (FabricEvidence.Protocol.Peer.SignedProposal, string)[] proposals, int inFlight, TimeSpan duration, string value, List<double>? latencies)
    {
        var stop = DateTime.UtcNow + duration;
        long count = 0;
        var perWorker = new List<double>[inFlight];
        var workers = Enumerable.Range(0, inFlight).Select(w => Task.Run(async () =>
        {
            var mine = perWorker[w] = new List<double>();
            var i = w;
            while (DateTime.UtcNow < stop)
            {
                var started = Stopwatch.GetTimestamp();
                var request = new TransactionRequest("getput", $"bench{i % 1000:D4}", value) { Prepared = proposals[i % (proposals.Length / inFlight * inFlight)] };
                var result = await peer.ExecuteAsync(request);
                if (result.Status != 200)
                {
                    throw new InvalidOperationException($"Benchmark transaction failed: {result}");
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref count);
                i += inFlight;
            }
        })).ToList();

        // Sample the chaincode's memory while the load runs (the sample is one more transaction in flight).
        await Task.Delay(duration * 0.8);
        var sample = await Stats(peer);
        await Task.WhenAll(workers);
        latencies?.AddRange(perWorker.SelectMany(l => l));
        return (count, sample);
    }

    // Both answer name=value pairs: rss (.NET: working set), heap (with "gc": live bytes after a full collection; .NET
    // GC heap less fragmentation, node V8 heapUsed),
    // cpu (user + system microseconds of the whole process); .NET also allocated (GC.GetTotalAllocatedBytes).
    private static async Task<Stats> Stats(TestPeer peer, bool collect = false)
    {
        var result = collect ? await peer.InvokeAsync("stats", "gc") : await peer.InvokeAsync("stats");
        var values = result.Payload.Split('|').Select(p => p.Split('=', 2))
            .ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new Stats(values["rss"], values.GetValueOrDefault("allocated"), values["heap"], values["cpu"]);
    }

    private static TimeSpan DriverCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private static TimeSpan Percentile(List<double> sorted, double p) =>
        TimeSpan.FromMilliseconds(sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))]);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string DriverName(PeerTransport driver) => driver == PeerTransport.RawHttp2 ? "raw" : "grpc";

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MiB";

    private static string NodeVersion()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true })!;
            var v = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return v;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "missing";
        }
    }
}

internal sealed record Result(PeerTransport Driver, string Implementation, int InFlight, int Round, double Tps, TimeSpan P50, TimeSpan P99, double? AllocatedPerTx,
    long MemoryIdle, long MemoryLoaded, double CpuPerTx, double DriverCpuPerTx);

internal sealed record Stats(long Memory, long Allocated, long Heap, long CpuMicroseconds);

internal sealed record HeldResult(string Implementation, Stats Idle, Stats Held, int Count)
{
    public double HeapPerTransaction => (Held.Heap - Idle.Heap) / (double)Count;

    public double MemoryPerTransaction => (Held.Memory - Idle.Memory) / (double)Count;
}

/// <summary>The reference chaincode plus a "stats" function reporting this process's memory, allocations and CPU time.</summary>
internal sealed class StatsChaincode(IChaincode inner) : IChaincode
{
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => inner.InitAsync(stub, cancellationToken);

    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        if (stub.FunctionName != "stats")
        {
            return inner.InvokeAsync(stub, cancellationToken);
        }

        using var self = Process.GetCurrentProcess();
        var cpu = (long)self.TotalProcessorTime.TotalMicroseconds;
        var heap = stub.Parameters is ["gc", ..] ? LiveHeap() : 0;
        self.Refresh();
        var text = $"rss={self.WorkingSet64}|allocated={GC.GetTotalAllocatedBytes(precise: true)}|heap={heap}|cpu={cpu}";
        return Task.FromResult(ChaincodeResponse.Success(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// The bytes of live objects, after full compacting collections. Not GC.GetTotalMemory: under the regions GC it
    /// can under-count gen0 and even go negative (dotnet/runtime#106712).
    /// </summary>
    private static long LiveHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }
}
