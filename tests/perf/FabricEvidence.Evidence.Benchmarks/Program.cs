using System.Globalization;
using FabricEvidence.Evidence.Benchmarks;

// digest [--size-mib 1024] [--rounds 5] [--dir PATH]
//   streaming SHA-256 and SM3 of a file created in a temporary folder (deleted afterwards) through EvidenceDigest,
//   interleaved with sha256sum on the same file; prints medians, the ratio to sha256sum and the memory used.
// The network benchmark (items submitted and confirmed per second against Put) is the `evidence` command of
// tests/perf/FabricEvidence.Network.Benchmarks. See README.md.
if (args.Length == 0 || args[0] != "digest")
{
    Console.Error.WriteLine("usage: digest [--size-mib 1024] [--rounds 5] [--dir PATH]");
    return 2;
}

var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    values[args[i].TrimStart('-')] = args[i + 1];
}

string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
var settings = new DigestSettings(
    long.Parse(Get("size-mib", "1024"), CultureInfo.InvariantCulture) * 1024 * 1024,
    int.Parse(Get("rounds", "5"), CultureInfo.InvariantCulture),
    Get("dir", Path.GetTempPath()));
if (settings.Size < 16 * 1024 * 1024 || settings.Rounds < 1)
{
    Console.Error.WriteLine("--size-mib must be at least 16 and --rounds at least 1.");
    return 2;
}

return await DigestBenchmark.RunAsync(settings);
