using System.Globalization;

namespace FabricEvidence.Network.Benchmarks;

/// <summary>
/// <c>evidence</c>: evidence items submitted and confirmed per second against plain Put transactions of the KV
/// chaincode, both with the same number in flight, interleaved round by round (the first of the two alternates), each
/// measurement in a fresh process of this driver (<see cref="Compare"/>'s way); prints the medians and their ratio.
/// An item is two transactions, so 0.5 is the ratio when the contract costs nothing beyond its transaction count.
/// </summary>
internal static class EvidenceCompare
{
    /// <summary>The issue's bar: items per second at least this share of Puts per second.</summary>
    private const double Target = 0.4;

    public static async Task<int> RunAsync(Settings settings)
    {
        // --chaincodes PUT,EVIDENCE; the generic default ("kv") names only the first.
        var put = settings.Chaincodes.Count > 0 ? settings.Chaincodes[0] : "kv";
        var evidence = settings.Chaincodes.Count > 1 ? settings.Chaincodes[1] : "evidence";

        // The comparison is defined at 64 in flight; the generic default of 1 would measure latency instead.
        var inFlight = settings.InFlight > 1 ? settings.InFlight : 64;
        var puts = new List<Measurement>();
        var items = new List<Measurement>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var order = round % 2 == 1 ? new[] { "submit", "evidence" } : ["evidence", "submit"];
            foreach (var mode in order)
            {
                var chaincode = mode == "submit" ? put : evidence;
                var measurement = await Compare.RunOneAsync(settings, "dotnet", chaincode, mode, inFlight);
                (mode == "submit" ? puts : items).Add(measurement);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {(mode == "submit" ? "Put" : "evidence item"),-14} x{inFlight} {measurement.Tps,7:F1}/s {measurement.CpuMicrosPerOperation,7:F0} µs client CPU/op ({measurement.Failures} failures)"));
            }
        }

        var putRate = Compare.Median(puts.Select(m => m.Tps));
        var itemRate = Compare.Median(items.Select(m => m.Tps));
        var ratio = itemRate / putRate;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Medians of {settings.Rounds} interleaved rounds, {settings.Seconds:0} s each after {settings.Warmup:0} s warm-up, {inFlight} in flight, {Environment.ProcessorCount} CPUs shared by every process"));
        Console.WriteLine();
        Console.WriteLine("| Workload | per second | rounds | client CPU µs/op | failures |");
        Console.WriteLine("|---|---:|---|---:|---:|");
        Console.WriteLine(Row($"Put ({put})", puts));
        Console.WriteLine(Row($"evidence item, Submit + ConfirmStorage ({evidence})", items));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Items per second / Puts per second = {ratio:F2} ({(ratio >= Target ? "target met" : "BELOW THE 0.4 TARGET")}; 0.5 is two transactions' worth)."));
        return ratio >= Target ? 0 : 3;
    }

    private static string Row(string name, List<Measurement> measurements) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Compare.Median(measurements.Select(m => m.Tps)):F1} | {string.Join(", ", measurements.Select(m => m.Tps.ToString("F1", CultureInfo.InvariantCulture)))} | {Compare.Median(measurements.Select(m => m.CpuMicrosPerOperation)):F0} | {measurements.Sum(m => m.Failures)} |");
}
