using System.Diagnostics;
using System.Text;

namespace FabricEvidence.TestSupport;

/// <summary>
/// Runs the Node.js programs under tests/testassets/node that act as reference peers. A missing Node installation or missing
/// node_modules is a test failure with instructions, never a silent skip.
/// </summary>
public static class NodeRunner
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The folder of a Node package under tests/testassets/node, checked to have its dependencies installed.</summary>
    public static string PackageDir(string name)
    {
        var dir = Path.Combine(RepositoryRoot, "tests", "testassets", "node", name);
        if (!Directory.Exists(Path.Combine(dir, "node_modules")))
        {
            throw new InvalidOperationException(
                $"The reference implementations are not installed: run 'npm ci' in {dir} (tests/run-tests.sh does this for you).");
        }

        return dir;
    }

    /// <summary>Runs a script to completion, feeding <paramref name="stdin"/>; returns stdout. Fails on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string package, string script, string[] args, string? stdin = null, TimeSpan? timeout = null)
    {
        var (exitCode, stdout, stderr) = await RunForResultAsync(package, script, args, stdin, timeout);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node {script} exited with {exitCode}.\nstdout: {stdout}\nstderr: {stderr}");
        }

        return stdout;
    }

    /// <summary>
    /// Runs a script to completion, feeding <paramref name="stdin"/>, and returns its exit code and output whatever
    /// the exit code: for scripts whose non-zero exit is an answer (a validator rejecting its input), not a failure.
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunForResultAsync(string package, string script, string[] args, string? stdin = null, TimeSpan? timeout = null)
    {
        using var process = Start(package, script, args, redirectInput: stdin is not null);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

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

    /// <summary>
    /// Starts a long-running script (a reference server) and waits until it prints a line starting with
    /// <paramref name="readyPrefix"/>; returns the process and the rest of that line.
    /// </summary>
    public static async Task<(NodeProcess Process, string ReadyLine)> StartServerAsync(string package, string script, string[] args, string readyPrefix = "LISTENING ", TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var process = Start(package, script, args, redirectInput: true, environment);
        var node = new NodeProcess(process);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                node.Dispose();
                throw new TimeoutException($"node {script} did not become ready. stderr: {node.Stderr}");
            }

            if (line is null)
            {
                await process.WaitForExitAsync();
                var stderr = node.Stderr;
                node.Dispose();
                throw new InvalidOperationException($"node {script} exited with {process.ExitCode} before it was ready. stderr: {stderr}");
            }

            if (line.StartsWith(readyPrefix, StringComparison.Ordinal))
            {
                node.StartDrainingStdout();
                return (node, line[readyPrefix.Length..].Trim());
            }
        }
    }

    private static Process Start(string package, string script, string[] args, bool redirectInput, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dir = PackageDir(package);
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        psi.ArgumentList.Add(Path.Combine(dir, script));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        try
        {
            return Process.Start(psi) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js is not installed or not on PATH; the conformance tests need it (see README).", ex);
        }
    }

    private static string FindRoot()
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

/// <summary>A running Node reference server; disposing kills it.</summary>
public sealed class NodeProcess : IDisposable
{
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _stdout = new();

    public NodeProcess(Process process)
    {
        Process = process;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    // The ready line was read through StandardOutput, so keep reading it that way (Process forbids mixing modes).
    public void StartDrainingStdout() => _ = Task.Run(async () =>
    {
        try
        {
            while (await Process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (_stdout)
                {
                    _stdout.AppendLine(line);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    });

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        Process.Dispose();
    }
}
