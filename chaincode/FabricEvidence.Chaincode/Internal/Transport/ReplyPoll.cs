using System.Diagnostics;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>
/// Whether the reader thread polls its socket for a short while before it blocks, used while the chaincode awaits a
/// reply from the peer (one owner: the connection's reader).
/// </summary>
/// <remarks>
/// <para>
/// A thread that blocks in a read sleeps, and when the data arrives its CPU must be woken. On virtual machines waking
/// an idle CPU takes tens of microseconds; with the peer on the same host and one transaction in flight, that is a
/// large part of every stub call's latency. Polling keeps the CPU awake and saves it, but costs CPU for as long as it
/// polls, so it must only poll when a reply is likely to come within the limit.
/// </para>
/// <para>
/// The poller learns this from its own results, and keeps polling only while at least half of its polls find the
/// reply. It holds a credit of at most <see cref="MaxCredit"/>: a poll that finds data adds one, a poll that runs out
/// takes one. At zero it stops (after <see cref="MaxCredit"/> misses in a row, or sooner when most polls miss: a peer
/// across a network, a slow ledger) and only probes once every <see cref="ProbeInterval"/> waits, so a slow peer
/// costs at most one limit's worth of CPU per that many replies. A probe that finds data gives one credit back, so
/// polling resumes as soon as replies are mostly fast again.
/// </para>
/// <para>
/// Between checks the poller yields its CPU (<c>sched_yield</c>). When the peer shares the CPU, the peer runs at once
/// and the poll costs no more than sleeping would; a pure spin there would hold the peer off until the scheduler
/// preempted it (measured: 20% fewer transactions on one CPU). With nothing else ready to run, the yield returns
/// immediately.
/// </para>
/// </remarks>
internal sealed class ReplyPoll
{
    /// <summary>The most credit the poller holds: also how many polls in a row must miss before it stops.</summary>
    public const int MaxCredit = 8;

    /// <summary>While stopped, one wait in this many polls again to check whether replies got faster.</summary>
    public const int ProbeInterval = 128;

    private readonly long _limitTicks;
    private int _credit = MaxCredit;
    private int _waitsSinceProbe;

    /// <param name="limit">The longest poll; zero turns polling off.</param>
    public ReplyPoll(TimeSpan limit)
    {
        _limitTicks = limit > TimeSpan.Zero ? Math.Max(1, (long)(limit.TotalSeconds * Stopwatch.Frequency)) : 0;
    }

    /// <summary>Whether polling stopped because too many polls missed (it still probes now and then).</summary>
    public bool BackedOff => _credit <= 0;

    /// <summary>Polls taken since this poller was made, for tests and diagnostics.</summary>
    public long Polls { get; private set; }

    /// <summary>Polls that found data, for tests and diagnostics.</summary>
    public long Hits { get; private set; }

    /// <summary>
    /// Before a blocking read while a reply is awaited: polls <paramref name="hasData"/> until it answers
    /// <see langword="true"/> or the limit passes, when the poller's record says that is worth it.
    /// </summary>
    /// <returns>Whether data arrived while polling (<see langword="false"/> also when it did not poll).</returns>
    public bool Wait<TState>(Func<TState, bool> hasData, TState state)
    {
        if (_limitTicks == 0)
        {
            return false;
        }

        if (_credit <= 0 && ++_waitsSinceProbe < ProbeInterval)
        {
            return false;
        }

        _waitsSinceProbe = 0;
        Polls++;
        var deadline = Stopwatch.GetTimestamp() + _limitTicks;
        do
        {
            if (hasData(state))
            {
                Hits++;
                _credit = Math.Min(MaxCredit, _credit + 1);
                return true;
            }

            // Gives the CPU to any thread ready to run on it, which may be the peer itself when both share a CPU;
            // with nothing else ready it returns at once and the poll goes on.
            Thread.Yield();
        }
        while (Stopwatch.GetTimestamp() < deadline);

        _credit = Math.Max(0, _credit - 1);
        return false;
    }
}
