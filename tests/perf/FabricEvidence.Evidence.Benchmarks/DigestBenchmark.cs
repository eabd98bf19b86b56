using System.Diagnostics;

namespace FabricEvidence.Evidence.Benchmarks;

/// <summary>
/// Streaming digest of one file, side by side with sha256sum on the same file in the same run (page cache warmed by a
/// first read), best of a few rounds each; SM3; peak resident memory per digest.
/// </summary>
internal static class DigestBenchmark
{
    public static async Task RunAsync(string directory, long length, int rounds)
    {
        var path = Measure.CreateFile(directory, length);
        Console.WriteLine($"Digest of {Measure.Memory(length)} file {path}, best of {rounds} rounds, page cache warm");
        Measure.RunTool("sh", "-c", "cat \"$0\" > /dev/null", path); // warm the page cache

        var tool = Best(rounds, () => Measure.RunTool("sha256sum", path).Elapsed);
        var expected = Measure.RunTool("sha256sum", path).Output.Split(' ')[0];

        string? ours = null;
        long peak = 0;
        var sha = await BestAsync(rounds, async () =>
        {
            Measure.ResetPeak();
            var clock = Stopwatch.StartNew();
            var result = await EvidenceDigest.ComputeFileAsync(path, DigestAlgorithm.Sha256);
            clock.Stop();
            ours = result.Digest;
            peak = Math.Max(peak, Measure.PeakResident());
            return clock.Elapsed;
        });
        if (ours != expected)
        {
            throw new InvalidOperationException($"SHA-256 differs from sha256sum: {ours} vs {expected}");
        }

        long smPeak = 0;
        var sm3 = await BestAsync(rounds, async () =>
        {
            Measure.ResetPeak();
            var clock = Stopwatch.StartNew();
            await EvidenceDigest.ComputeFileAsync(path, DigestAlgorithm.Sm3);
            clock.Stop();
            smPeak = Math.Max(smPeak, Measure.PeakResident());
            return clock.Elapsed;
        });

        Console.WriteLine($"  sha256sum (coreutils)      {Measure.Rate(length, tool)}");
        Console.WriteLine($"  SHA-256 (ours, streaming)  {Measure.Rate(length, sha)}  = {tool / sha:P0} of sha256sum   peak RSS {Measure.Memory(peak)}");
        Console.WriteLine($"  SM3 (streaming)            {Measure.Rate(length, sm3)}                      peak RSS {Measure.Memory(smPeak)}");
    }

    /// <summary>SM3 and SHA-256 on a buffer in memory, timed by this process's CPU time (robust to a busy machine).</summary>
    public static void CompareInMemory(long length, int rounds)
    {
        var data = new byte[length];
        new Random(1).NextBytes(data);
        var sm3 = Best(rounds, () => CpuTime(() => HashInMemory(DigestAlgorithm.Sm3, data)));
        var sha = Best(rounds, () => CpuTime(() => HashInMemory(DigestAlgorithm.Sha256, data)));
        Console.WriteLine($"  in memory, per CPU second: SM3 {Measure.Rate(length, sm3)}, SHA-256 {Measure.Rate(length, sha)}");
    }

    private static string HashInMemory(DigestAlgorithm algorithm, byte[] data)
    {
        using var hasher = EvidenceHasher.Create(algorithm);
        hasher.Append(data);
        return hasher.GetHexDigestAndReset();
    }

    private static TimeSpan CpuTime(Action action)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return process.TotalProcessorTime - before;
    }

    private static TimeSpan Best(int rounds, Func<TimeSpan> run) => Enumerable.Range(0, rounds).Select(_ => run()).Min();

    private static async Task<TimeSpan> BestAsync(int rounds, Func<Task<TimeSpan>> run)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < rounds; i++)
        {
            var elapsed = await run();
            best = elapsed < best ? elapsed : best;
        }

        return best;
    }
}
