using System.Diagnostics;

namespace FabricEvidence.Evidence.Benchmarks;

/// <summary>
/// SM3 and SHA-256 on a buffer in memory, per CPU second: the hash cores alone, without I/O. The file comparison
/// against sha256sum is <see cref="DigestComparison"/> (interleaved rounds, medians).
/// </summary>
internal static class DigestBenchmark
{
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
}
