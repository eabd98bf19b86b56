using System.Diagnostics;
using FabricEvidence.Protocol;

namespace FabricEvidence.Benchmarks;

/// <summary>The kinds of load the comparison applies.</summary>
public enum LoadKind
{
    /// <summary>Unary echo calls; each worker keeps one call in flight.</summary>
    Unary,

    /// <summary>Server-streaming calls of a fixed number of messages, one after another per worker.</summary>
    ServerStream,

    /// <summary>Bidirectional calls: the client writes a fixed number of messages while reading the echoes.</summary>
    Bidi,
}

/// <summary>One row of the comparison.</summary>
/// <param name="Name">What the table shows.</param>
/// <param name="Kind">The load.</param>
/// <param name="Concurrency">How many workers run at once (calls in flight for unary, streams for streaming).</param>
/// <param name="NodeScenario">The name load-client.js knows the load by.</param>
public sealed record Scenario(string Name, LoadKind Kind, int Concurrency, string NodeScenario);

/// <summary>
/// What a load run counted: completed calls (unary) or received messages (streaming) over an elapsed time, and the
/// CPU time the client process used meanwhile (null when it could not be sampled).
/// </summary>
public readonly record struct LoadResult(long Count, double ElapsedMs, double? CpuMicros)
{
    /// <summary>Operations per second.</summary>
    public double PerSecond => ElapsedMs > 0 ? Count * 1000.0 / ElapsedMs : 0;

    /// <summary>Client CPU microseconds per operation: less sensitive than the rate to other work on the machine.</summary>
    public double? CpuMicrosPerOp => CpuMicros is { } cpu && Count > 0 ? cpu / Count : null;
}

/// <summary>Settings shared by both clients in one comparison.</summary>
public sealed record LoadSettings(double WarmupSeconds, double Seconds, int PayloadBytes, int StreamMessages, long MaxOps);

/// <summary>
/// The measuring window, the same rules as load-client.js's: results before warm-up ends are discarded; counting
/// stops when the window closes or when <c>maxOps</c> is reached, whichever comes first. The process's CPU time is
/// sampled by a timer when the window opens and again when it stops. Thread-safe.
/// </summary>
public sealed class MeasureWindow : IDisposable
{
    private readonly long _measureStart;
    private readonly long _measureEnd;
    private readonly long _maxOps;
    private readonly Timer _startTimer;
    private readonly Timer _endTimer;
    private long _count;
    private long _stoppedAt;
    private long _cpuAtStartTicks = -1;
    private long _cpuUsedTicks = -1;

    /// <summary>Opens a window that starts counting after <paramref name="warmupSeconds"/>.</summary>
    public MeasureWindow(double warmupSeconds, double seconds, long maxOps)
    {
        var now = Stopwatch.GetTimestamp();
        _measureStart = now + (long)(warmupSeconds * Stopwatch.Frequency);
        _measureEnd = _measureStart + (long)(seconds * Stopwatch.Frequency);
        _maxOps = maxOps;
        _startTimer = new Timer(_ => Volatile.Write(ref _cpuAtStartTicks, Environment.CpuUsage.TotalTime.Ticks), null, TimeSpan.FromSeconds(warmupSeconds), Timeout.InfiniteTimeSpan);
        _endTimer = new Timer(_ => Stop(_measureEnd), null, TimeSpan.FromSeconds(warmupSeconds + seconds), Timeout.InfiniteTimeSpan);
    }

    /// <summary>Whether workers should start more work.</summary>
    public bool Running
    {
        get
        {
            if (Volatile.Read(ref _stoppedAt) != 0)
            {
                return false;
            }

            if (Stopwatch.GetTimestamp() >= _measureEnd)
            {
                Stop(_measureEnd);
                return false;
            }

            return true;
        }
    }

    /// <summary>What was counted.</summary>
    public LoadResult Result
    {
        get
        {
            var end = Volatile.Read(ref _stoppedAt);
            return new LoadResult(
                Interlocked.Read(ref _count),
                Stopwatch.GetElapsedTime(_measureStart, end == 0 ? _measureEnd : end).TotalMilliseconds,
                Volatile.Read(ref _cpuUsedTicks) is var used and >= 0 ? TimeSpan.FromTicks(used).TotalMicroseconds : null);
        }
    }

    /// <summary>Counts <paramref name="n"/> completed operations if the window is open.</summary>
    public void Record(int n)
    {
        if (Volatile.Read(ref _stoppedAt) != 0)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (now < _measureStart)
        {
            return;
        }

        if (now >= _measureEnd)
        {
            Stop(_measureEnd);
            return;
        }

        if (Interlocked.Add(ref _count, n) >= _maxOps)
        {
            Stop(now);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _startTimer.Dispose();
        _endTimer.Dispose();
    }

    private void Stop(long at)
    {
        if (Interlocked.CompareExchange(ref _stoppedAt, at, 0) == 0 && Volatile.Read(ref _cpuAtStartTicks) is var start and >= 0)
        {
            Volatile.Write(ref _cpuUsedTicks, Environment.CpuUsage.TotalTime.Ticks - start);
        }
    }
}

/// <summary>Applies a scenario's load with our client, <see cref="GrpcChannel"/>, and counts what completed.</summary>
public static class LoadRunner
{
    /// <summary>Runs <paramref name="scenario"/> on a fresh channel to <paramref name="address"/> (warm-up included).</summary>
    public static async Task<LoadResult> RunAsync(string address, Scenario scenario, LoadSettings settings)
    {
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan });
        var payload = new byte[settings.PayloadBytes];
        payload.AsSpan().Fill(0x5a);
        using var window = new MeasureWindow(settings.WarmupSeconds, settings.Seconds, settings.MaxOps);

        var workers = new Task[scenario.Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = scenario.Kind switch
            {
                LoadKind.Unary => UnaryWorker(channel, window, payload),
                LoadKind.ServerStream => ServerStreamWorker(channel, window, settings.StreamMessages, settings.PayloadBytes),
                LoadKind.Bidi => BidiWorker(channel, window, settings.StreamMessages, payload),
                _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario.Kind, "Unknown load kind."),
            };
        }

        await Task.WhenAll(workers);
        return window.Result;
    }

    private static async Task UnaryWorker(GrpcChannel channel, MeasureWindow window, byte[] payload)
    {
        // Yield first so that all workers start together instead of the first one running inline.
        await Task.Yield();
        while (window.Running)
        {
            var response = await channel.UnaryAsync(EchoService.Unary, payload);
            if (response.Length != payload.Length)
            {
                throw new InvalidOperationException($"Echo returned {response.Length} bytes, expected {payload.Length}.");
            }

            window.Record(1);
        }
    }

    private static async Task ServerStreamWorker(GrpcChannel channel, MeasureWindow window, int count, int size)
    {
        await Task.Yield();
        var request = EchoService.StreamRequest(count, size);
        while (window.Running)
        {
            using var call = channel.ServerStreaming(EchoService.ServerStream, request);
            var received = 0;
            await foreach (var message in call.ReadAllAsync())
            {
                if (message.Length != size)
                {
                    throw new InvalidOperationException($"Stream message of {message.Length} bytes, expected {size}.");
                }

                received++;
                window.Record(1);
            }

            if (received != count)
            {
                throw new InvalidOperationException($"Server stream delivered {received} of {count} messages.");
            }
        }
    }

    private static async Task BidiWorker(GrpcChannel channel, MeasureWindow window, int count, byte[] payload)
    {
        await Task.Yield();
        while (window.Running)
        {
            using var call = channel.DuplexStreaming(EchoService.Bidi);
            var writing = WriteAllAsync(call.RequestStream, count, payload);
            var received = 0;
            await foreach (var message in call.ReadAllAsync())
            {
                if (message.Length != payload.Length)
                {
                    throw new InvalidOperationException($"Echo of {message.Length} bytes, expected {payload.Length}.");
                }

                received++;
                window.Record(1);
            }

            await writing;
            if (received != count)
            {
                throw new InvalidOperationException($"Bidi stream echoed {received} of {count} messages.");
            }
        }
    }

    private static async Task WriteAllAsync(IGrpcStreamWriter<byte[]> requests, int count, byte[] payload)
    {
        await Task.Yield();
        for (var i = 0; i < count; i++)
        {
            await requests.WriteAsync(payload);
        }

        await requests.CompleteAsync();
    }
}
