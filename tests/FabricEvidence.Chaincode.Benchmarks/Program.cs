using System.Diagnostics;
using System.Globalization;
using System.Text;
using FabricEvidence.Chaincode;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.TestSupport;
using Microsoft.Extensions.Logging;

// Modes:
//   compare [seconds]   run the Node reference chaincode and ours (each in its own process) under the same load
//   serve <port>        our runtime serving the reference chaincode (started by compare)
return args.FirstOrDefault() switch
{
    "serve" => await Serve(int.Parse(args[1], CultureInfo.InvariantCulture), args.Contains("--inline-io")),
    "compare" or null => await Compare(
        args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release -- compare [seconds-per-run] [rounds]");
    return 2;
}

static async Task<int> Serve(int port, bool inlineIo)
{
    var builder = ChaincodeServer.CreateBuilder([]);
    builder.Configuration["CHAINCODE_SERVER_ADDRESS"] = $"127.0.0.1:{port}";
    builder.Configuration["CHAINCODE_ID"] = ReferenceServers.ChaincodeId;
    builder.Configuration["CORE_PEER_LOCALMSPID"] = ReferenceServers.MspId;
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.AddChaincode(new StatsChaincode(new ReferenceChaincode()));
    builder.ConfigureOptions(o => o.PreferInlineIoScheduling = inlineIo);
    await using var server = builder.Build();
    await server.StartAsync();
    Console.WriteLine($"LISTENING {server.Port}");
    await server.RunAsync();
    return 0;
}

static async Task<int> Compare(double seconds, int rounds)
{
    var duration = TimeSpan.FromSeconds(seconds);
    Console.WriteLine($"Chaincode runtime benchmark: GetState + PutState per transaction, driven by the protocol test peer on loopback.");
    Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, node {NodeVersion()}");
    Console.WriteLine($"dotnet server option PreferInlineIoScheduling: {Environment.GetEnvironmentVariable("BENCH_INLINE_IO") == "1"} (set BENCH_INLINE_IO=1 to turn it on)");
    Console.WriteLine($"Each run: warm-up, then {seconds:0.#} s of load; {rounds} round(s), alternating implementations; best round reported.");
    Console.WriteLine();

    // Both servers run side by side and the runs alternate between them, so that a change in the machine's load
    // (it is shared) does not favour whichever implementation happened to run first. Each configuration runs
    // `rounds` times; the table reports the best round of each.
    var all = new List<Result>();
    await using (var node = await ReferenceServers.StartNodeAsync())
    await using (var dotnet = await StartDotnetProcessAsync())
    {
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var inFlight in new[] { 1, 64 })
            {
                foreach (var server in new[] { node, dotnet })
                {
                    var result = await RunAsync(server.Name, server.Address, inFlight, duration);
                    all.Add(result);
                    Console.WriteLine($"  round {round}: {result.Implementation,-6} in-flight {result.InFlight,2}: {result.Tps,9:N0} tx/s  ({result.Transactions:N0} tx)");
                }
            }
        }
    }

    var results = all.GroupBy(r => (r.Implementation, r.InFlight)).Select(g => g.MaxBy(r => r.Tps)!)
        .OrderBy(r => r.Implementation, StringComparer.Ordinal).ThenBy(r => r.InFlight).ToList();
    Console.WriteLine();
    Console.WriteLine("| implementation | in flight | tx/s | p50 latency | allocated / tx | process memory idle | under load | heap idle | heap under load |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var r in results)
    {
        var allocated = r.AllocatedPerTx is { } a ? $"{a:N0} B" : "n/a";
        Console.WriteLine($"| {r.Implementation} | {r.InFlight} | {r.Tps:N0} | {r.MedianLatency.TotalMilliseconds:0.000} ms | {allocated} | {Mb(r.MemoryIdle)} | {Mb(r.MemoryLoaded)} | {Mb(r.HeapIdle)} | {Mb(r.HeapLoaded)} |");
    }

    Console.WriteLine();
    foreach (var inFlight in new[] { 1, 64 })
    {
        var nodeBest = results.First(r => r.Implementation == "node" && r.InFlight == inFlight);
        var dotnetBest = results.First(r => r.Implementation == "dotnet" && r.InFlight == inFlight);
        var perRound = string.Join(", ", all.Where(r => r.InFlight == inFlight).Chunk(2).Select(pair => $"{pair[1].Tps / pair[0].Tps:0.00}x"));
        Console.WriteLine($"in-flight {inFlight}: dotnet / node throughput = {dotnetBest.Tps / nodeBest.Tps:0.00}x (best rounds); per round: {perRound}");
    }

    Console.WriteLine("process memory: dotnet working set, node RSS; heap: dotnet GC.GetTotalMemory (includes garbage not yet collected), node V8 heapUsed; all read inside the chaincode process.");
    Console.WriteLine("allocated / tx: GC.GetTotalAllocatedBytes delta of the chaincode process divided by the transactions of the run.");
    return 0;
}

static string Mb(long bytes) => $"{bytes / (1024.0 * 1024):0.0} MiB";

static string NodeVersion()
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

static async Task<ChaincodeUnderTest> StartDotnetProcessAsync()
{
    var port = ReferenceServers.FreePort();
    var self = Environment.ProcessPath!;
    var psi = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
    {
        psi.ArgumentList.Add(typeof(StatsChaincode).Assembly.Location);
    }

    psi.ArgumentList.Add("serve");
    psi.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
    if (Environment.GetEnvironmentVariable("BENCH_INLINE_IO") == "1")
    {
        psi.ArgumentList.Add("--inline-io");
    }
    var process = Process.Start(psi)!;
    var node = new NodeProcess(process);
    while (await process.StandardOutput.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
        {
            node.StartDrainingStdout();
            return ReferenceServers.Wrap("dotnet", $"http://127.0.0.1:{port}", node);
        }
    }

    throw new InvalidOperationException("The dotnet chaincode server did not start: " + node.Stderr);
}

static async Task<Result> RunAsync(string implementation, string address, int inFlight, TimeSpan duration)
{
    var options = new TestPeerOptions { RecordTranscript = false, CommitOnSuccess = false };
    for (var i = 0; i < 1000; i++)
    {
        (options.Ledger ??= new InMemoryLedger()).Seed($"bench{i:D4}", "0000000000");
    }

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

    // Warm-up: JIT, connection windows, pools.
    await Load(peer, proposals, inFlight, TimeSpan.FromSeconds(Math.Min(3, duration.TotalSeconds / 2)), value, null);
    var before = await Stats(peer);
    var latencies = new List<double>();
    var stopwatch = Stopwatch.StartNew();
    var (count, memoryUnderLoad, heapUnderLoad) = await Load(peer, proposals, inFlight, duration, value, latencies);
    stopwatch.Stop();
    var after = await Stats(peer);
    latencies.Sort();
    return new Result(implementation, inFlight, count, count / stopwatch.Elapsed.TotalSeconds,
        TimeSpan.FromMilliseconds(latencies.Count == 0 ? 0 : latencies[latencies.Count / 2]),
        implementation == "dotnet" ? (after.Allocated - before.Allocated) / (double)count : null,
        before.Memory, Math.Max(memoryUnderLoad, after.Memory), before.Heap, heapUnderLoad);
}

static async Task<(long Count, long MemoryUnderLoad, long HeapUnderLoad)> Load(TestPeer peer, (FabricEvidence.Protocol.Peer.SignedProposal, string)[] proposals, int inFlight, TimeSpan duration, string value, List<double>? latencies)
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
    return (count, sample.Memory, sample.Heap);
}

// dotnet answers working set | allocated bytes | managed heap; node answers RSS | V8 heap used.
static async Task<(long Memory, long Allocated, long Heap)> Stats(TestPeer peer)
{
    var result = await peer.InvokeAsync("stats");
    var parts = result.Payload.Split('|').Select(p => long.Parse(p, CultureInfo.InvariantCulture)).ToArray();
    return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : (parts[0], 0, parts[1]);
}

internal sealed record Result(string Implementation, int InFlight, long Transactions, double Tps, TimeSpan MedianLatency, double? AllocatedPerTx, long MemoryIdle, long MemoryLoaded, long HeapIdle, long HeapLoaded);

/// <summary>The reference chaincode plus a "stats" function reporting this process's working set and allocations.</summary>
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
        var text = $"{self.WorkingSet64}|{GC.GetTotalAllocatedBytes(precise: true)}|{GC.GetTotalMemory(forceFullCollection: false)}";
        return Task.FromResult(ChaincodeResponse.Success(Encoding.UTF8.GetBytes(text)));
    }
}
