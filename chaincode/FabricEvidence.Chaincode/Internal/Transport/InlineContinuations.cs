using System.Diagnostics;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>
/// Lets work that a message makes runnable (a transaction's start, a stub call's reply) run on the connection's
/// reader thread right after the frame that carried it, instead of waking a thread-pool thread.
/// </summary>
/// <remarks>
/// <para>
/// At one transaction in flight every message is a round trip on the critical path, and handing each reply to the
/// thread pool costs a thread wake-up per message. Running it inline removes that hop, but chaincode code may then
/// block the thread that reads the connection (a stub call awaited with <c>.Result</c>, a long computation). So the
/// reader gives up its role before running the work: if the work has not returned within <see cref="RescueDelay"/>,
/// <see cref="ReaderWatchdog"/> starts a new reader thread, and the old one ends when its work returns.
/// </para>
/// <para>
/// Only a reader thread has a slot, and only between frames; the work runs after the dispatch of the frame's
/// messages has finished, so a blocked chaincode never holds up the dispatch of later messages.
/// </para>
/// </remarks>
internal static class InlineContinuations
{
    /// <summary>How long chaincode work may hold the reader thread before another thread takes over the reading.</summary>
    public static readonly TimeSpan RescueDelay = TimeSpan.FromMilliseconds(2);

    [ThreadStatic]
    private static Slot? t_slot;

    /// <summary>The calling thread's slot, when it is a reader thread between frames; otherwise <see langword="null"/>.</summary>
    internal static Slot? Current
    {
        get => t_slot;
        set => t_slot = value;
    }

    /// <summary>
    /// Defers <paramref name="work"/> to run inline once the current frame is handled; <see langword="false"/> when the
    /// calling thread is not a reader thread or its slot is taken (the caller then queues the work to the thread pool).
    /// </summary>
    public static bool TryDefer(Action<object?> work, object? state)
    {
        var slot = t_slot;
        if (slot is null || slot.Work is not null)
        {
            return false;
        }

        slot.Work = work;
        slot.State = state;
        return true;
    }

    /// <summary>A reader thread's one deferred work item.</summary>
    internal sealed class Slot
    {
        public Action<object?>? Work { get; set; }

        public object? State { get; set; }
    }
}

/// <summary>
/// One thread per process that rescues connections whose reader thread is busy running chaincode work (see
/// <see cref="InlineContinuations"/>). It ticks every millisecond while inline work has run in the last second and
/// sleeps otherwise, so an idle server costs nothing.
/// </summary>
internal static class ReaderWatchdog
{
    private const long IdleAfterMilliseconds = 1000;

    private static readonly object Lock = new();
    private static readonly List<Http2Connection> Connections = new();
    private static readonly AutoResetEvent Wake = new(false);
    private static long s_lastActivity;
    private static volatile bool s_parked;
    private static Thread? s_thread;

    public static void Register(Http2Connection connection)
    {
        lock (Lock)
        {
            Connections.Add(connection);
            if (s_thread is null)
            {
                s_thread = new Thread(Run) { IsBackground = true, Name = "chaincode-reader-watchdog" };
                s_thread.Start();
            }
        }
    }

    public static void Unregister(Http2Connection connection)
    {
        lock (Lock)
        {
            Connections.Remove(connection);
        }
    }

    /// <summary>Called before inline work runs: keeps the watchdog ticking (and wakes it if it was asleep).</summary>
    public static void Activity()
    {
        Volatile.Write(ref s_lastActivity, Environment.TickCount64);
        Interlocked.MemoryBarrier();
        if (s_parked)
        {
            s_parked = false;
            Wake.Set();
        }
    }

    private static void Run()
    {
        var threshold = (long)(InlineContinuations.RescueDelay.TotalSeconds * Stopwatch.Frequency);
        var snapshot = new List<Http2Connection>();
        while (true)
        {
            if (Environment.TickCount64 - Volatile.Read(ref s_lastActivity) > IdleAfterMilliseconds)
            {
                // Park, unless work started meanwhile (Activity writes the time before it reads the flag; we the reverse).
                s_parked = true;
                Interlocked.MemoryBarrier();
                if (Environment.TickCount64 - Volatile.Read(ref s_lastActivity) > IdleAfterMilliseconds)
                {
                    Wake.WaitOne();
                }

                s_parked = false;
                continue;
            }

            Thread.Sleep(1);
            snapshot.Clear();
            lock (Lock)
            {
                snapshot.AddRange(Connections);
            }

            var now = Stopwatch.GetTimestamp();
            foreach (var connection in snapshot)
            {
                connection.RescueIfStalled(now, threshold);
            }
        }
    }
}
