using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace FabricEvidence.Network.Benchmarks;

/// <summary>
/// Runs every chaincode × driver × scenario, interleaved round by round so that a busy moment of the machine hits all
/// columns alike, each measurement in a fresh process; prints the medians.
/// </summary>
internal static class Compare
{
    private static readonly (string Mode, int InFlight)[] Scenarios = [("evaluate", 1), ("evaluate", 32), ("submit", 64)];

    public static async Task<int> RunAsync(Settings settings)
    {
        var results = new Dictionary<(string Chaincode, string Driver, string Mode, int InFlight), List<Measurement>>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var (mode, inFlight) in Scenarios)
            {
                foreach (var chaincode in settings.Chaincodes)
                {
                    foreach (var driver in settings.Drivers)
                    {
                        var measurement = await RunOneAsync(settings, driver, chaincode, mode, inFlight);
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"round {round}: {chaincode,-12} {driver,-8} {mode} x{inFlight,-3} {measurement.Tps,8:F0} TPS {measurement.CpuMicrosPerOperation,7:F0} µs CPU/tx ({measurement.Failures} failures)"));
                        var key = (chaincode, driver, mode, inFlight);
                        if (!results.TryGetValue(key, out var list))
                        {
                            results[key] = list = [];
                        }

                        list.Add(measurement);
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Medians of {settings.Rounds} interleaved rounds, {settings.Seconds:0} s each, {Environment.ProcessorCount} CPUs shared by every process"));
        Console.WriteLine();
        Console.WriteLine("| Chaincode | Client | Scenario | TPS | client CPU µs/tx | failures |");
        Console.WriteLine("|---|---|---|---:|---:|---:|");
        foreach (var ((chaincode, driver, mode, inFlight), list) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {chaincode} | {driver} | {mode} {inFlight} in flight | {Median(list.Select(m => m.Tps)):F0} | {Median(list.Select(m => m.CpuMicrosPerOperation)):F0} | {list.Sum(m => m.Failures)} |"));
        }

        return 0;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static async Task<Measurement> RunOneAsync(Settings settings, string driver, string chaincode, string mode, int inFlight)
    {
        var name = driver.Split('=')[0];
        var psi = name switch
        {
            "node" => new ProcessStartInfo("node") { ArgumentList = { NodeScript() } },
            _ => new ProcessStartInfo("dotnet") { ArgumentList = { driver.Contains('=', StringComparison.Ordinal) ? driver.Split('=')[1] : typeof(Compare).Assembly.Location } },
        };
        foreach (var argument in new[]
        {
            "drive", "--network-env", settings.NetworkEnv, "--chaincode", chaincode, "--mode", mode,
            "--in-flight", inFlight.ToString(CultureInfo.InvariantCulture), "--seconds", settings.Seconds.ToString(CultureInfo.InvariantCulture),
            "--warmup", settings.Warmup.ToString(CultureInfo.InvariantCulture), "--org", settings.Org.ToString(CultureInfo.InvariantCulture),
        })
        {
            psi.ArgumentList.Add(argument);
        }

        if (settings.EndorsingOrgs.Count > 0)
        {
            psi.ArgumentList.Add("--endorsing-orgs");
            psi.ArgumentList.Add(string.Join(',', settings.EndorsingOrgs));
        }

        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"The driver {driver} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The driver {driver} failed on {chaincode} {mode} x{inFlight}: {await stderr}");
        }

        // A driver that succeeded may still have something to say (its first failed operation, say).
        Console.Error.Write(await stderr);
        var line = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return JsonSerializer.Deserialize<Measurement>(line) ?? throw new InvalidOperationException("The driver printed no measurement.");
    }

    private static string NodeScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "testassets", "node", "gateway", "network-bench.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/testassets/node/gateway/network-bench.js not found; run npm ci there.");
    }
}
