using System.Diagnostics;
using FabricEvidence.Chaincode.Internal.Transport;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Chaincode.Tests.Shim;

namespace FabricEvidence.Chaincode.Tests.Transport;

/// <summary>
/// The poll for awaited replies (<see cref="ReplyPoll"/>): it polls only while a stub call awaits the peer, returns as
/// soon as data arrives, and stops by itself when replies come slower than its limit.
/// </summary>
public sealed class ReplyPollTests
{
    private static readonly TimeSpan Tiny = TimeSpan.FromTicks(10);

    [Fact]
    public void A_zero_limit_never_polls()
    {
        var poll = new ReplyPoll(TimeSpan.Zero);
        var checks = 0;

        Assert.False(poll.Wait(_ => { checks++; return true; }, 0));
        Assert.Equal(0, checks);
        Assert.Equal(0, poll.Polls);
    }

    [Fact]
    public void A_poll_returns_as_soon_as_data_arrives()
    {
        var poll = new ReplyPoll(TimeSpan.FromSeconds(30));
        var checks = 0;

        Assert.True(poll.Wait(_ => ++checks == 3, 0));
        Assert.Equal(3, checks);
        Assert.Equal((1L, 1L), (poll.Polls, poll.Hits));
    }

    [Fact]
    public void A_poll_without_data_lasts_its_limit_and_then_gives_up()
    {
        var limit = TimeSpan.FromMilliseconds(5);
        var poll = new ReplyPoll(limit);
        var started = Stopwatch.GetTimestamp();

        Assert.False(poll.Wait(_ => false, 0));

        Assert.True(Stopwatch.GetElapsedTime(started) >= limit);
        Assert.Equal((1L, 0L), (poll.Polls, poll.Hits));
    }

    [Fact]
    public void After_a_run_of_misses_it_only_probes_once_every_ProbeInterval_waits()
    {
        var poll = new ReplyPoll(Tiny);
        var checks = 0;
        bool Never(int _)
        {
            checks++;
            return false;
        }

        for (var i = 0; i < ReplyPoll.MaxCredit; i++)
        {
            Assert.False(poll.BackedOff);
            poll.Wait(Never, 0);
        }

        Assert.True(poll.BackedOff);
        Assert.Equal(ReplyPoll.MaxCredit, poll.Polls);
        checks = 0;
        for (var i = 1; i < ReplyPoll.ProbeInterval; i++)
        {
            poll.Wait(Never, 0);
        }

        Assert.Equal(0, checks);
        poll.Wait(Never, 0);
        Assert.True(checks > 0, "the ProbeInterval-th wait after backing off probes again");
        Assert.Equal(ReplyPoll.MaxCredit + 1, poll.Polls);
    }

    [Fact]
    public void A_probe_that_finds_data_resumes_polling_at_every_wait()
    {
        var poll = new ReplyPoll(Tiny);
        for (var i = 0; i < ReplyPoll.MaxCredit; i++)
        {
            poll.Wait(_ => false, 0);
        }

        for (var i = 1; i < ReplyPoll.ProbeInterval; i++)
        {
            poll.Wait(_ => true, 0);
        }

        Assert.Equal(0, poll.Hits);
        Assert.True(poll.Wait(_ => true, 0));
        Assert.False(poll.BackedOff);
        Assert.True(poll.Wait(_ => true, 0));
        Assert.Equal(2, poll.Hits);
    }

    [Fact]
    public void A_miss_between_hits_does_not_stop_polling()
    {
        var poll = new ReplyPoll(Tiny);
        for (var i = 0; i < 10 * ReplyPoll.MaxCredit; i++)
        {
            poll.Wait(_ => i % 2 == 0, 0);
        }

        Assert.False(poll.BackedOff);
        Assert.Equal(10 * ReplyPoll.MaxCredit, poll.Polls);
    }

    [Fact]
    public void Polls_that_mostly_miss_stop_polling_even_without_a_run_of_misses()
    {
        var poll = new ReplyPoll(Tiny);
        var waits = 0;

        // One hit in three: never MaxCredit misses in a row, but the credit drains.
        while (!poll.BackedOff && waits < 100)
        {
            var hit = waits++ % 3 == 0;
            poll.Wait(_ => hit, 0);
        }

        Assert.True(poll.BackedOff, "polling went on although two polls in three found nothing");
        Assert.True(waits > ReplyPoll.MaxCredit, "it stopped sooner than a run of misses would have stopped it");
    }

    [Fact]
    public async Task The_server_polls_while_a_stub_call_awaits_its_reply_and_stops_when_it_has_arrived()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            if (stub.FunctionName == "calls")
            {
                var value = await stub.GetStateAsync("k");
                await stub.PutStateAsync("k", value ?? [1]);
            }

            return Harness.Ok();
        });

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await h.InvokeAsync("calls")).Status);
        }

        var polls = h.Server.Server!.ReplyPolls.Polls;
        Assert.True(polls > 0, "no poll while 40 stub calls awaited their replies");

        // Every reply was counted off: transactions without stub calls find nothing awaited and are not polled for.
        // (A count left behind would poll before each read; enough reads that even a backed-off poller probes.)
        for (var i = 0; i < 3 * ReplyPoll.ProbeInterval; i++)
        {
            Assert.Equal(200, (await h.InvokeAsync("none")).Status);
        }

        Assert.Equal(polls, h.Server.Server!.ReplyPolls.Polls);
    }

    [Fact]
    public async Task The_server_does_not_poll_while_nothing_awaits_a_reply()
    {
        await using var h = await Harness.StartAsync(stub => Task.FromResult(Harness.Ok()));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await h.InvokeAsync("x")).Status);
        }

        Assert.Equal(0, h.Server.Server!.ReplyPolls.Polls);
    }

    [Fact]
    public async Task A_zero_ReplyPollLimit_turns_polling_off_and_stub_calls_still_work()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            var value = await stub.GetStateAsync("k");
            await stub.PutStateAsync("k", [(byte)((value?[0] ?? 0) + 1)]);
            return Harness.Ok();
        }, configure: o => o.ReplyPollLimit = TimeSpan.Zero);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(200, (await h.InvokeAsync("x")).Status);
        }

        Assert.Equal(20, h.Ledger.Get("k")![0]);
        Assert.Equal(0, h.Server.Server!.ReplyPolls.Polls);
    }
}
