using System.Diagnostics;
using System.Globalization;

namespace FabricEvidence.Evidence.Benchmarks;

/// <summary>What the digest benchmark hashes and how often.</summary>
/// <param name="Size">The large file's size in bytes (1 GiB by default).</param>
/// <param name="Rounds">Measured rounds; each round runs every variant once.</param>
/// <param name="Folder">Where the temporary folder is created.</param>
internal sealed record DigestComparisonSettings(long Size, int Rounds, string Folder);

/// <summary>
/// Streaming digests of one large file: the client's SHA-256 (<see cref="EvidenceDigest"/> over a <see cref="Stream"/>
/// and over a path) against coreutils' <c>sha256sum</c> of the same file, and the client's SM3. The variants run one
/// after the other in every round, in an order rotated each round, so that a busy moment of the shared machine does not
/// fall on one variant only. The file is read once before the rounds and checked resident in the page cache before
/// every measurement, so both sides hash from memory, not from the disk.
/// </summary>
internal static class DigestComparison
{
    private const string Sha256Sum = "sha256sum";
    private const string OpenSsl = "openssl dgst -sha256 (reference)";
    private const string Sha256Stream = "SHA-256, EvidenceDigest.ComputeAsync(Stream)";
    private const string Sha256File = "SHA-256, EvidenceDigest.ComputeFileAsync(path)";
    private const string Sm3Stream = "SM3, EvidenceDigest.ComputeAsync(Stream)";

    /// <summary>SHA-256 must reach this share of sha256sum's throughput.</summary>
    private const double Target = 0.90;

    public static async Task<int> RunAsync(DigestComparisonSettings settings)
    {
        var folder = Directory.CreateDirectory(Path.Combine(settings.Folder, "fabric-evidence-digest-" + Guid.NewGuid().ToString("N")[..8]));
        try
        {
            return await RunInAsync(settings, folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<int> RunInAsync(DigestComparisonSettings settings, string folder)
    {
        var large = Path.Combine(folder, "large.bin");
        var small = Path.Combine(folder, "small.bin");
        var smallSize = settings.Size / 16;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Writing {Mib(settings.Size)} MiB and {Mib(smallSize)} MiB of random bytes under {folder} ..."));
        WriteRandomFile(large, settings.Size, seed: 1);
        WriteRandomFile(small, smallSize, seed: 2);

        // The small file first: it warms the code up and sets the memory baseline that the large file must not exceed.
        var smallSha = await OursAsync(small, DigestAlgorithm.Sha256, viaPath: false);
        var smallSm3 = await OursAsync(small, DigestAlgorithm.Sm3, viaPath: false);
        var peakAfterSmall = PeakWorkingSet();

        // One unmeasured pass of each side puts the large file in the page cache and gives the reference digest.
        var reference = await RunToolAsync(large, Sha256Sum, "--binary");
        _ = await OursAsync(large, DigestAlgorithm.Sha256, viaPath: false);

        var variants = new List<(string Name, Func<Task<Run>> Measure)>
        {
            (Sha256Sum, () => RunToolAsync(large, Sha256Sum, "--binary")),
            (Sha256Stream, () => OursAsync(large, DigestAlgorithm.Sha256, viaPath: false)),
            (Sha256File, () => OursAsync(large, DigestAlgorithm.Sha256, viaPath: true)),
            (Sm3Stream, () => OursAsync(large, DigestAlgorithm.Sm3, viaPath: false)),
        };

        // OpenSSL's command line, when installed, shows what the CPU's SHA extensions allow (.NET hashes with the same
        // library on Linux), so the figures say how far both are from the machine's limit, not only from sha256sum.
        if (await TryRunToolAsync(small, "openssl", "dgst", "-sha256", "-r"))
        {
            variants.Add((OpenSsl, () => RunToolAsync(large, "openssl", "dgst", "-sha256", "-r")));
        }

        var runs = variants.ToDictionary(v => v.Name, _ => new List<Run>(), StringComparer.Ordinal);
        var sm3Digests = new HashSet<string>(StringComparer.Ordinal);
        var leastResident = 1.0;
        for (var round = 0; round < settings.Rounds; round++)
        {
            for (var i = 0; i < variants.Count; i++)
            {
                var (name, measure) = variants[(i + round) % variants.Count];
                leastResident = Math.Min(leastResident, PageCacheShare(large, settings.Size) ?? 1.0);
                var run = await measure();
                if (name == Sm3Stream)
                {
                    sm3Digests.Add(run.Digest);
                }
                else if (!string.Equals(run.Digest, reference.Digest, StringComparison.Ordinal))
                {
                    Console.Error.WriteLine($"{name} computed {run.Digest}, sha256sum {reference.Digest}: the digests differ.");
                    return 1;
                }

                runs[name].Add(run);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round + 1}: {name,-48} {run.Seconds,6:F2} s {Mib(settings.Size) / run.Seconds,7:F0} MiB/s"));
            }
        }

        if (sm3Digests.Count != 1)
        {
            Console.Error.WriteLine($"SM3 gave different digests of the same file: {string.Join(", ", sm3Digests)}.");
            return 1;
        }

        var peakAfterLarge = PeakWorkingSet();
        var baseline = Median(runs[Sha256Sum].Select(r => r.Seconds));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Medians of {settings.Rounds} interleaved rounds, {Mib(settings.Size)} MiB file, {Environment.ProcessorCount} CPUs, load average {LoadAverage()}; file at least {leastResident:P1} in the page cache before every run"));
        Console.WriteLine();
        Console.WriteLine("| Variant | seconds | MiB/s | vs sha256sum | allocated bytes per run |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, _) in variants)
        {
            var seconds = Median(runs[name].Select(r => r.Seconds));
            var allocated = name is Sha256Sum or OpenSsl ? "(other process)" : Median(runs[name].Select(r => (double)r.AllocatedBytes)).ToString("N0", CultureInfo.InvariantCulture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {seconds:F2} | {Mib(settings.Size) / seconds:F0} | {baseline / seconds:P0} | {allocated} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Memory: {Mib(smallSize)} MiB file: {smallSha.AllocatedBytes:N0} B allocated (SHA-256), {smallSm3.AllocatedBytes:N0} B (SM3); peak working set {Mib(peakAfterSmall)} MiB after it, {Mib(peakAfterLarge)} MiB after every {Mib(settings.Size)} MiB run."));

        var ratio = baseline / Median(runs[Sha256Stream].Select(r => r.Seconds));
        var largeAllocated = runs.Where(r => r.Key is not (Sha256Sum or OpenSsl)).SelectMany(r => r.Value).Max(r => r.AllocatedBytes);
        var growth = largeAllocated - Math.Max(smallSha.AllocatedBytes, smallSm3.AllocatedBytes);
        var flat = peakAfterLarge - peakAfterSmall <= 16L * 1024 * 1024 && growth <= 1024 * 1024;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SHA-256 (Stream) at {ratio:P0} of sha256sum's throughput: {(ratio >= Target ? "target met" : "BELOW THE 90 % TARGET")}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Memory {(flat ? "flat" : "NOT FLAT")}: a {Mib(settings.Size)} MiB digest allocated at most {largeAllocated:N0} B (a {Mib(smallSize)} MiB one {Math.Max(smallSha.AllocatedBytes, smallSm3.AllocatedBytes):N0} B), and the peak working set grew by {Mib(peakAfterLarge - peakAfterSmall)} MiB."));
        return ratio >= Target && flat ? 0 : 3;
    }

    private static async Task<Run> OursAsync(string path, DigestAlgorithm algorithm, bool viaPath)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        string digest;
        if (viaPath)
        {
            (digest, _) = await EvidenceDigest.ComputeFileAsync(path, algorithm);
        }
        else
        {
            // The way an application hands the client a file it opened itself.
            await using var stream = File.OpenRead(path);
            (digest, _) = await EvidenceDigest.ComputeAsync(stream, algorithm);
        }

        clock.Stop();
        return new Run(clock.Elapsed.TotalSeconds, digest, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    /// <summary>Runs a command-line tool that prints <c>hex *path</c> and times it from start to exit.</summary>
    private static async Task<Run> RunToolAsync(string path, string tool, params string[] arguments)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments.Append(path))
        {
            psi.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{tool} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr}");
        }

        return new Run(clock.Elapsed.TotalSeconds, (await stdout).Split(' ', 2)[0], 0);
    }

    private static async Task<bool> TryRunToolAsync(string path, string tool, params string[] arguments)
    {
        try
        {
            _ = await RunToolAsync(path, tool, arguments);
            return true;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }

    private static void WriteRandomFile(string path, long size, int seed)
    {
        var random = new Random(seed);
        var buffer = new byte[1024 * 1024];
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        for (long written = 0; written < size; written += buffer.Length)
        {
            random.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, size - written));
        }
    }

    /// <summary>The share of the file resident in the page cache, from util-linux's fincore; null when it is not installed.</summary>
    private static double? PageCacheShare(string path, long size)
    {
        try
        {
            var psi = new ProcessStartInfo("fincore") { ArgumentList = { "--bytes", "--noheadings", "--output", "RES", path }, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(psi);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 && long.TryParse(output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var resident) ? (double)resident / size : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static long Mib(long bytes) => bytes / (1024 * 1024);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>One measured digest: wall-clock seconds, the hex digest, and the bytes this process allocated meanwhile.</summary>
    private sealed record Run(double Seconds, string Digest, long AllocatedBytes);
}
