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
        var submits = new List<Measurement>();
        var modes = settings.Split ? new[] { "submit", "evidence", "evidence-submit" } : ["submit", "evidence"];
        for (var round = 1; round <= settings.Rounds; round++)
        {
            // Rotated by one every round, so that no workload always runs first (or right after the network started).
            var order = modes.Skip((round - 1) % modes.Length).Concat(modes.Take((round - 1) % modes.Length));
            foreach (var mode in order)
            {
                var chaincode = mode == "submit" ? put : evidence;
                var measurement = await Compare.RunOneAsync(settings, "dotnet", chaincode, mode, inFlight);
                (mode switch { "submit" => puts, "evidence" => items, _ => submits }).Add(measurement);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {Name(mode),-14} x{inFlight} {measurement.Tps,7:F1}/s {measurement.CpuMicrosPerOperation,7:F0} µs client CPU/op ({measurement.Failures} failures)"));
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
        if (submits.Count > 0)
        {
            Console.WriteLine(Row($"Submit alone ({evidence})", submits));
        }

        Console.WriteLine();
        CpuTable(puts, items, submits);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Items per second / Puts per second = {ratio:F2} ({(ratio >= Target ? "target met" : "BELOW THE 0.4 TARGET")}; 0.5 is two transactions' worth)."));
        return ratio >= Target ? 0 : 3;
    }

    private static string Name(string mode) => mode switch { "submit" => "Put", "evidence" => "evidence item", _ => "Submit alone" };

    /// <summary>
    /// CPU per operation of every process (the driver, i.e. the client, and the network's), medians over the rounds:
    /// where an item costs more than two Puts. With Submit measured alone, ConfirmStorage is the item minus Submit.
    /// </summary>
    private static void CpuTable(List<Measurement> puts, List<Measurement> items, List<Measurement> submits)
    {
        static double PerOp(List<Measurement> list, string? process) => list.Count == 0 ? double.NaN : Compare.Median(list.Select(m =>
            (process is null ? m.CpuSeconds : m.ProcessCpuSeconds?.GetValueOrDefault(process) ?? double.NaN) * 1e6 / m.Operations));

        var names = items.Concat(puts).SelectMany(m => m.ProcessCpuSeconds?.Keys ?? Enumerable.Empty<string>()).Distinct().Order(StringComparer.Ordinal).ToList();
        var split = submits.Count > 0;
        Console.WriteLine("CPU µs per operation by process (medians of the rounds):");
        Console.WriteLine();
        Console.WriteLine(split ? "| Process | Put | item | item / Put | Submit | ConfirmStorage (item − Submit) |" : "| Process | Put | item | item / Put |");
        Console.WriteLine(split ? "|---|---:|---:|---:|---:|---:|" : "|---|---:|---:|---:|");
        double putTotal = 0, itemTotal = 0, submitTotal = 0;
        foreach (var process in new string?[] { null }.Concat(names))
        {
            var (p, i, s) = (PerOp(puts, process), PerOp(items, process), PerOp(submits, process));
            putTotal += p;
            itemTotal += i;
            submitTotal += s;
            Console.WriteLine(Line(process ?? "client (driver)", p, i, s, split));
        }

        Console.WriteLine(Line("**all**", putTotal, itemTotal, submitTotal, split));
    }

    private static string Line(string name, double put, double item, double submit, bool split) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {put:F0} | {item:F0} | {item / put:F2} |{(split ? $" {submit:F0} | {item - submit:F0} |" : string.Empty)}");

    private static string Row(string name, List<Measurement> measurements) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Compare.Median(measurements.Select(m => m.Tps)):F1} | {string.Join(", ", measurements.Select(m => m.Tps.ToString("F1", CultureInfo.InvariantCulture)))} | {Compare.Median(measurements.Select(m => m.CpuMicrosPerOperation)):F0} | {measurements.Sum(m => m.Failures)} |");
}
