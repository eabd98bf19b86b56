using System.Diagnostics;
using System.Text;

namespace FabricEvidence.Chaincode.Tests.Contracts;

/// <summary>
/// Runs the Node.js programs under tests/node (same pattern as the conformance tests' runner). Missing Node or
/// missing node_modules fails the test with instructions; it never skips.
/// </summary>
internal static class NodeRunner
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string PackageDir(string name)
    {
        var dir = Path.Combine(RepositoryRoot, "tests", "node", name);
        if (!Directory.Exists(Path.Combine(dir, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The reference implementations are not installed: run 'npm ci' in {dir} (tests/run-tests.sh does this for you).");
        }

        return dir;
    }

    /// <summary>Runs a script to completion with <paramref name="stdin"/>; returns its exit code and stdout.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string package, string script, string stdin, TimeSpan? timeout = null)
    {
        var dir = PackageDir(package);
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(Path.Combine(dir, script));
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js is not installed or not on PATH; these tests need it (see README).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"node {script} did not finish in time. stderr: {await stderr}");
            }

            return (process.ExitCode, await stdout, await stderr);
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FabricEvidence.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (FabricEvidence.sln) above " + AppContext.BaseDirectory);
    }
}
