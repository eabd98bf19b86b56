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
        "compare [--seconds N] [--warmup N] [--payload BYTES] [--stream-messages N] [--concurrency N] [--only TEXT]";

    /// <summary>Parses the options after <c>compare</c>, runs the comparison and prints the table.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        double seconds = 5, warmup = 2;
        int payload = 100, streamMessages = 1000, concurrency = 64;
        string? only = null;
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
                case "--only": only = value; break;
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
            $"# {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}; loopback h2c; {payload}-byte messages; {warmup}s warm-up + {seconds}s measured per client and scenario"));
        Console.WriteLine("# unary: calls/s; streaming: messages received/s. ratio = ours / grpc-js (> 1 means ours is faster).");

        using var server = await ServerProcess.StartAsync();
        Console.WriteLine($"# server: separate process, {server.Address}");
        Console.WriteLine();

        var rows = new List<(Scenario Scenario, LoadResult Ours, LoadResult Node)>();
        foreach (var scenario in scenarios)
        {
            Console.Error.WriteLine($"running {scenario.Name}: ours...");
            var ours = await LoadRunner.RunAsync(server.Address, scenario, settings);
            await Task.Delay(500);
            Console.Error.WriteLine($"running {scenario.Name}: grpc-js...");
            var node = await NodeLoadClient.RunAsync(nodeDir, server.Port, scenario, settings);
            await Task.Delay(500);
            rows.Add((scenario, ours, node));
        }

        PrintTable(rows);
        return 0;
    }

    private static void PrintTable(List<(Scenario Scenario, LoadResult Ours, LoadResult Node)> rows)
    {
        var width = Math.Max("scenario".Length, rows.Max(r => r.Scenario.Name.Length));
        Console.WriteLine($"| {"scenario".PadRight(width)} | {"ours/s",10} | {"grpc-js/s",10} | {"ratio",6} |");
        Console.WriteLine($"|-{new string('-', width)}-|-{new string('-', 10)}:|-{new string('-', 10)}:|-{new string('-', 6)}:|");
        foreach (var (scenario, ours, node) in rows)
        {
            var ratio = node.PerSecond > 0 ? (ours.PerSecond / node.PerSecond).ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Name.PadRight(width)} | {ours.PerSecond,10:N0} | {node.PerSecond,10:N0} | {ratio,6} |"));
        }
    }

    private static bool TryNumber(string text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine("usage: " + Usage);
        return 2;
    }
}
