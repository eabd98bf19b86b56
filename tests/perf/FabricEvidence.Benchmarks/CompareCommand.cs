using System.Globalization;
using System.Runtime.InteropServices;

namespace FabricEvidence.Benchmarks;

/// <summary>
/// <c>compare</c>: one server process, every scenario run first with our client and then with @grpc/grpc-js, and a
/// table of both rates and their ratio. Ratios from one run are the numbers to read; absolute rates move with
/// whatever else the machine is doing.
/// </summary>
public static class CompareCommand
{
    private const string Usage =
        "compare [--seconds N] [--warmup N] [--rounds N] [--payload BYTES] [--stream-messages N] [--concurrency N] [--only TEXT] [--client both|ours|grpc-js] [--server-port PORT]";

    /// <summary>Parses the options after <c>compare</c>, runs the comparison and prints the table.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = 5, warmup = 2;
        int payload = 100, streamMessages = 1000, concurrency = 64, rounds = 1;
        string? only = null;
        int? serverPort = null;
        bool runOurs = true, runNode = true;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                return Fail($"'{name}' needs a value.");
            }

            var value = args[++i];
            switch (name)
            {
                case "--seconds" when TryNumber(value, 0.1, 600, out var v): seconds = v; break;
                case "--warmup" when TryNumber(value, 0, 600, out var v): warmup = v; break;
                case "--payload" when TryNumber(value, 0, EchoService.MaxStreamMessageSize, out var v): payload = (int)v; break;
                case "--stream-messages" when TryNumber(value, 1, EchoService.MaxStreamMessages, out var v): streamMessages = (int)v; break;
                case "--concurrency" when TryNumber(value, 2, 1024, out var v): concurrency = (int)v; break;
                case "--rounds" when TryNumber(value, 1, 20, out var v): rounds = (int)v; break;
                case "--only": only = value; break;
                case "--client" when value is "both" or "ours" or "grpc-js": runOurs = value != "grpc-js"; runNode = value != "ours"; break;
                case "--server-port" when TryNumber(value, 1, 65535, out var v): serverPort = (int)v; break;
                default: return Fail($"'{name} {value}' is not a known option or its value is out of range.");
            }
        }

        var scenarios = new[]
        {
            new Scenario("unary, 1 in flight", LoadKind.Unary, 1, "unary"),
            new Scenario($"unary, {concurrency} in flight", LoadKind.Unary, concurrency, "unary"),
            new Scenario($"server-stream, {streamMessages} msgs/call", LoadKind.ServerStream, 1, "server-stream"),
            new Scenario($"bidi echo, {streamMessages} msgs/call", LoadKind.Bidi, 1, "bidi"),
        }.Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToArray();
        if (scenarios.Length == 0)
        {
            return Fail($"No scenario matches --only '{only}'.");
        }

        var settings = new LoadSettings(warmup, seconds, payload, streamMessages, MaxOps: 50_000_000);
        var nodeDir = NodeLoadClient.PackageDir();
        Console.WriteLine($"# FabricEvidence gRPC client vs @grpc/grpc-js {NodeLoadClient.GrpcJsVersion(nodeDir)} (node {NodeLoadClient.NodeVersion()}), .NET {Environment.Version}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; loopback h2c; {payload}-byte messages; {warmup}s warm-up + {seconds}s measured per client and scenario, {rounds} round(s)"));
        Console.WriteLine("# unary: calls/s; streaming: messages received/s. ratio = ours / grpc-js (> 1 means ours is faster).");
        Console.WriteLine("# CPU µs/op: CPU time of the client process (all threads) per call or message; the server's CPU is not included.");

        // --server-port targets a server already running on this machine (for example one under a profiler).
        using var server = serverPort is { } port ? ServerProcess.Existing(port) : await ServerProcess.StartAsync();
        Console.WriteLine($"# server: separate process, {server.Address}");
        Console.WriteLine();

        // A fresh server and this process start with unoptimised (tier-0) code; the .NET tiered JIT needs a few seconds
        // of traffic to promote the hot paths. Each run's own warm-up is too short for that the first time round, so
        // every scenario is run once, unmeasured, before anything is counted. Node processes warm up their own V8 in
        // each run's warm-up.
        if (runOurs || runNode)
        {
            Console.Error.WriteLine("warming up the server and our client...");
            var jitWarmup = settings with { WarmupSeconds = 0, Seconds = Math.Max(3, warmup) };
            foreach (var scenario in scenarios)
            {
                await LoadRunner.RunAsync(server.Address, scenario, jitWarmup);
            }
        }

        var rows = new List<(Scenario Scenario, LoadResult Ours, LoadResult Node)>();
        foreach (var scenario in scenarios)
        {
            // With several rounds the clients take turns, so a burst of other work on the machine hits both; the
            // table shows each client's median round.
            var ours = new List<LoadResult>();
            var node = new List<LoadResult>();
            for (var round = 1; round <= rounds; round++)
            {
                // --client runs one side only, for profiling one client; the other column then reads 0.
                Console.Error.WriteLine($"running {scenario.Name}, round {round}/{rounds}: ours...");
                ours.Add(runOurs ? await LoadRunner.RunAsync(server.Address, scenario, settings) : default);
                await Task.Delay(500);
                Console.Error.WriteLine($"running {scenario.Name}, round {round}/{rounds}: grpc-js...");
                node.Add(runNode ? await NodeLoadClient.RunAsync(nodeDir, server.Port, scenario, settings) : default);
                await Task.Delay(500);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  ours {ours[^1].PerSecond:N0}/s, grpc-js {node[^1].PerSecond:N0}/s"));
            }

            rows.Add((scenario, Median(ours), Median(node)));
        }

        PrintTable(rows);
        return 0;
    }

    private static void PrintTable(List<(Scenario Scenario, LoadResult Ours, LoadResult Node)> rows)
    {
        var width = Math.Max("scenario".Length, rows.Max(r => r.Scenario.Name.Length));
        Console.WriteLine($"| {"scenario".PadRight(width)} | {"ours/s",10} | {"grpc-js/s",10} | {"ratio",6} | {"ours CPU µs/op",14} | {"grpc-js CPU µs/op",17} |");
        Console.WriteLine($"|-{new string('-', width)}-|-{new string('-', 10)}:|-{new string('-', 10)}:|-{new string('-', 6)}:|-{new string('-', 14)}:|-{new string('-', 17)}:|");
        foreach (var (scenario, ours, node) in rows)
        {
            var ratio = node.PerSecond > 0 ? (ours.PerSecond / node.PerSecond).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Name.PadRight(width)} | {ours.PerSecond,10:N0} | {node.PerSecond,10:N0} | {ratio,6} | {Cpu(ours),14} | {Cpu(node),17} |"));
        }

        static string Cpu(LoadResult result) =>
            result.CpuMicrosPerOp is { } cpu ? cpu.ToString(cpu < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "n/a";
    }

    private static LoadResult Median(List<LoadResult> results) =>
        results.OrderBy(r => r.PerSecond).ElementAt(results.Count / 2);

    private static bool TryNumber(string text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine("usage: " + Usage);
        return 2;
    }
}
