using System.Diagnostics;

namespace FabricEvidence.Network.Benchmarks;

/// <summary>
/// A closed loop: a number of workers each run one operation after another until the time is up, first for a
/// warm-up, then measured with the process's CPU time. An operation that fails as <paramref name="isFailure"/> says
/// is counted as a failure and the worker goes on; any other exception ends the run.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Warms up, then measures. The first failure is written to standard error, so that a run that only fails says why.</summary>
    /// <param name="inFlight">Workers, each with one operation in flight.</param>
    /// <param name="warmup">Seconds of unmeasured warm-up.</param>
    /// <param name="seconds">Seconds measured.</param>
    /// <param name="operation">One operation of a worker: (worker, that worker's count of completed operations).</param>
    /// <param name="isFailure">Which exceptions count as failed operations.</param>
    /// <param name="watched">Other processes whose CPU seconds over the measured time go into the measurement (<see cref="ProcessCpu"/>).</param>
    public static async Task<Measurement> MeasureAsync(int inFlight, double warmup, double seconds, Func<int, long, Task> operation, Func<Exception, bool> isFailure, IReadOnlyDictionary<string, int>? watched = null)
    {
        long failures = 0;
        var reported = 0;

        async Task<long> LoopAsync(TimeSpan duration)
        {
            var watch = Stopwatch.StartNew();
            var counts = await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async worker =>
            {
                long count = 0;
                while (watch.Elapsed < duration)
                {
                    try
                    {
                        await operation(worker, count);
                        count++;
                    }
                    catch (Exception ex) when (isFailure(ex))
                    {
                        Interlocked.Increment(ref failures);
                        if (Interlocked.Exchange(ref reported, 1) == 0)
                        {
                            Console.Error.WriteLine($"first failure: {ex.GetType().Name}: {ex.Message}");
                        }
                    }
                }

                return count;
            }));
            return counts.Sum();
        }

        await LoopAsync(TimeSpan.FromSeconds(warmup));
        Interlocked.Exchange(ref failures, 0);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var othersBefore = watched is null ? null : ProcessCpu.Sample(watched);
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var operations = await LoopAsync(TimeSpan.FromSeconds(seconds));
        clock.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var others = watched is null ? null : ProcessCpu.Sample(watched);
        var perProcess = others?.ToDictionary(p => p.Key, p => p.Value - othersBefore![p.Key], StringComparer.Ordinal);
        return new Measurement(operations, clock.Elapsed.TotalSeconds, cpu, Interlocked.Read(ref failures), perProcess);
    }
}
