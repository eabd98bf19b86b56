using System.Diagnostics;
using System.Text;

namespace FabricEvidence.IntegrationTests;

/// <summary>The outcome of a finished process.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() =>
        $"`{Command}` exited with {ExitCode}\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

    // Enough to see why something failed without burying the test report.
    private static string Tail(string text)
    {
        var lines = text.TrimEnd().Split('\n');
        return lines.Length <= 60 ? string.Join('\n', lines) : "...\n" + string.Join('\n', lines[^60..]);
    }
}

/// <summary>Runs command-line programs (network.sh, the peer CLI) to completion with a time limit.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }

        var command = string.Join(' ', new[] { fileName }.Concat(psi.ArgumentList));
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"`{command}` did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"`{command}` did not finish within {timeout.TotalSeconds:0}s.\n--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }

        return new ProcessResult(command, process.ExitCode, await stdout, await stderr);
    }
}
