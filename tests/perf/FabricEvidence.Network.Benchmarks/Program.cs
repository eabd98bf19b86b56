using System.Globalization;
using FabricEvidence.Network.Benchmarks;

// Modes:
//   drive   --network-env F --chaincode NAME --mode evaluate|submit --in-flight N [--seconds S] [--warmup S] [--org 1|2]
//           one measurement in this process; prints one JSON line
//   compare --network-env F --chaincodes A,B [--drivers dotnet=PATH,old=PATH,node] [--rounds 3] [--seconds 10]
//           every chaincode x driver x scenario (evaluate 1, evaluate 32, submit 64), interleaved round by round,
//           each measurement in a process of its own; prints the medians as a table
//   evidence --network-env F [--chaincodes kv,evidence] [--in-flight 64] [--rounds 3] [--seconds 10]
//           evidence items (Submit by the Investigator, ConfirmStorage by the Storage user) per second against
//           Puts per second, interleaved round by round; prints the medians and their ratio
//           (drive --mode evidence --chaincode evidence is one such item measurement; --split true adds Submit
//           alone, drive --mode evidence-submit); with the CPU per operation of every process of the network;
//           --endorsing-orgs A,B has both workloads name their endorsing organisations (endorsed in parallel)
// See README.md.
var settings = Settings.Parse(args);
return settings.Command switch
{
    "drive" when settings.Mode is "evidence" or "evidence-submit" => await EvidenceDriver.RunAsync(settings),
    "drive" => await Driver.RunAsync(settings),
    "compare" => await Compare.RunAsync(settings),
    "evidence" => await EvidenceCompare.RunAsync(settings),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: drive --network-env FILE --chaincode NAME --mode evaluate|submit|evidence|evidence-submit --in-flight N [--seconds S] [--warmup S] [--org 1|2]");
    Console.Error.WriteLine("       compare --network-env FILE --chaincodes A,B [--drivers dotnet=DLL,old=DLL,node] [--rounds N] [--seconds S]");
    Console.Error.WriteLine("       evidence --network-env FILE [--chaincodes PUT,EVIDENCE] [--in-flight 64] [--rounds N] [--seconds S] [--split true] [--endorsing-orgs Org1MSP,Org2MSP]");
    return 2;
}

namespace FabricEvidence.Network.Benchmarks
{
    /// <summary>Command-line settings.</summary>
    internal sealed record Settings(string Command, string NetworkEnv, string Chaincode, string Mode, int InFlight, double Seconds, double Warmup, int Org, IReadOnlyList<string> Chaincodes, IReadOnlyList<string> Drivers, int Rounds, bool Split, IReadOnlyList<string> EndorsingOrgs)
    {
        public static Settings Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 1; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }

            string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
            return new Settings(
                args.Length > 0 ? args[0] : string.Empty,
                Get("network-env", "network/.state/network.env"),
                Get("chaincode", "kv"),
                Get("mode", "evaluate"),
                int.Parse(Get("in-flight", "1"), CultureInfo.InvariantCulture),
                double.Parse(Get("seconds", "10"), CultureInfo.InvariantCulture),
                double.Parse(Get("warmup", "3"), CultureInfo.InvariantCulture),
                int.Parse(Get("org", "1"), CultureInfo.InvariantCulture),
                Get("chaincodes", "kv").Split(',', StringSplitOptions.RemoveEmptyEntries),
                Get("drivers", "dotnet").Split(',', StringSplitOptions.RemoveEmptyEntries),
                int.Parse(Get("rounds", "3"), CultureInfo.InvariantCulture),
                bool.Parse(Get("split", "false")),
                Get("endorsing-orgs", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    /// <summary>network.sh's network.env: KEY=value lines.</summary>
    internal static class NetworkEnv
    {
        public static Dictionary<string, string> Read(string path) =>
            File.ReadAllLines(path).Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
                .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);
    }
}
