using System.Diagnostics;

namespace FabricEvidence.Evidence.Benchmarks;

/// <summary>Clocks, peak memory (Linux VmHWM) and the system tools the figures are compared with.</summary>
internal static class Measure
{
    public const long MiB = 1024 * 1024;

    /// <summary>Resets this process's peak resident set (Linux: clear_refs 5) so the next reading covers only what follows.</summary>
    public static void ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Peak resident set of a process in bytes (VmHWM), or -1 where /proc is not there.</summary>
    public static long PeakResident(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    public static long PeakResident() => PeakResident(Environment.ProcessId);

    public static string Rate(long bytes, TimeSpan elapsed) => $"{bytes / (double)MiB / elapsed.TotalSeconds,8:F1} MiB/s";

    public static string Memory(long bytes) => bytes < 0 ? "n/a" : $"{bytes / (double)MiB:F1} MiB";

    /// <summary>Writes a file of pseudo-random bytes (incompressible, reproducible) unless it is there with that length.</summary>
    public static string CreateFile(string directory, long length)
    {
        var path = Path.Combine(directory, $"bench-{length / MiB}MiB.bin");
        if (File.Exists(path) && new FileInfo(path).Length == length)
        {
            return path;
        }

        var buffer = new byte[4 * MiB];
        var random = new Random(42);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        for (long written = 0; written < length; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, length - written));
        }

        return path;
    }

    /// <summary>Runs a system tool and returns its elapsed time and standard output; fails on a non-zero exit.</summary>
    public static (TimeSpan Elapsed, string Output) RunTool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} exited with {process.ExitCode}.");
        }

        return (clock.Elapsed, output);
    }
}
