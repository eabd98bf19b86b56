using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FabricEvidence.Benchmarks;

/// <summary>
/// Runs tests/testassets/node/bench/load-client.js (@grpc/grpc-js) against the server and reads the JSON line it prints.
/// Missing Node or missing node_modules is an error with instructions, never a silently empty column.
/// </summary>
public static class NodeLoadClient
{
    /// <summary>The folder of the Node package, checked to have its dependencies installed.</summary>
    public static string PackageDir()
    {
        var dir = Path.Combine(RepositoryRoot(), "tests", "testassets", "node", "bench");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "@grpc", "grpc-js")))
        {
            throw new InvalidOperationException($"@grpc/grpc-js is not installed: run 'npm ci' in {dir} first.");
        }

        return dir;
    }

    /// <summary>The installed @grpc/grpc-js version, for the report.</summary>
    public static string GrpcJsVersion(string packageDir)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(packageDir, "node_modules", "@grpc", "grpc-js", "package.json")));
        return json.RootElement.GetProperty("version").GetString() ?? "?";
    }

    /// <summary>Runs one scenario in a fresh Node process and returns what it counted.</summary>
    public static async Task<LoadResult> RunAsync(string packageDir, int port, Scenario scenario, LoadSettings settings)
    {
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = packageDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(Path.Combine(packageDir, "load-client.js"));
        Add(psi, "--port", port);
        psi.ArgumentList.Add("--scenario");
        psi.ArgumentList.Add(scenario.NodeScenario);
        Add(psi, "--concurrency", scenario.Concurrency);
        Add(psi, "--payload", settings.PayloadBytes);
        Add(psi, "--stream-messages", settings.StreamMessages);
        Add(psi, "--warmup-seconds", settings.WarmupSeconds);
        Add(psi, "--seconds", settings.Seconds);
        Add(psi, "--max-ops", settings.MaxOps);

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js is not installed or not on PATH; compare mode needs it (see README.md).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // The script stops itself after warm-up + seconds; the margin covers Node's start-up and the last calls.
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(settings.WarmupSeconds + settings.Seconds + 60));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"load-client.js {scenario.NodeScenario} did not finish in time. stderr: {await stderr}");
            }

            var output = (await stdout).Trim();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"load-client.js {scenario.NodeScenario} exited with {process.ExitCode}.\nstdout: {output}\nstderr: {await stderr}");
            }

            using var json = JsonDocument.Parse(output);
            var root = json.RootElement;
            var cpu = root.GetProperty("cpuMicros");
            return new LoadResult(root.GetProperty("count").GetInt64(), root.GetProperty("elapsedMs").GetDouble(),
                cpu.ValueKind == JsonValueKind.Number ? cpu.GetDouble() : null);
        }
    }

    /// <summary>The Node.js version on PATH, for the report.</summary>
    public static string NodeVersion()
    {
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("--version");
        using var process = Process.Start(psi)!;
        var version = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return version;
    }

    private static void Add(ProcessStartInfo psi, string name, IFormattable value)
    {
        psi.ArgumentList.Add(name);
        psi.ArgumentList.Add(value.ToString(null, CultureInfo.InvariantCulture));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FabricEvidence.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (FabricEvidence.slnx) above " + AppContext.BaseDirectory);
    }
}
