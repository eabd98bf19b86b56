using System.Globalization;
using FabricEvidence.Evidence.Benchmarks;

// Usage: dotnet run -c Release -- memory [MiB] [rounds]
//        dotnet run -c Release -- upload [MiB] [concurrent uploads] [directory] [MiB per concurrent upload]
//        dotnet run -c Release -- compare-digest [--size-mib 1024] [--rounds 5] [--dir PATH]
//          (issue 12's target: EvidenceDigest against sha256sum interleaved, medians, memory; see README.md)
var mode = args.Length > 0 ? args[0] : "compare-digest";
if (mode == "compare-digest")
{
    var values = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        values[args[i].TrimStart('-')] = args[i + 1];
    }

    string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
    var settings = new DigestComparisonSettings(
        long.Parse(Get("size-mib", "1024"), CultureInfo.InvariantCulture) * 1024 * 1024,
        int.Parse(Get("rounds", "5"), CultureInfo.InvariantCulture),
        Get("dir", Path.GetTempPath()));
    if (settings.Size < 16 * 1024 * 1024 || settings.Rounds < 1)
    {
        Console.Error.WriteLine("--size-mib must be at least 16 and --rounds at least 1.");
        return 2;
    }

    return await DigestComparison.RunAsync(settings);
}

if (mode == "serve")
{
    // The service process the upload benchmark starts: serve <root> <CA PEM>.
    await UploadBenchmark.ServeAsync(args[1], args[2]);
    return 0;
}

var mib = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var directory = args.Length > 3 ? args[3] : Path.GetTempPath();

switch (mode)
{
    case "upload":
        return await UploadBenchmark.RunAsync(directory, mib * Measure.MiB, rounds, (args.Length > 4 ? long.Parse(args[4], CultureInfo.InvariantCulture) : 100) * Measure.MiB);
    case "memory":
        DigestBenchmark.CompareInMemory(mib * Measure.MiB, rounds);
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'; use compare-digest, memory or upload.");
        return 2;
}

return 0;
