using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;

namespace FabricEvidence.Chaincode.Tests.Shim;

public class ConcurrencyAndFailureTests
{
    [Fact]
    public async Task Requests_issued_in_parallel_by_one_transaction_reach_the_peer_one_at_a_time()
    {
        await using var h = await Harness.StartAsync(async stub =>
        {
            var values = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => stub.GetStateAsync($"k{i}")));
            await Task.WhenAll(Enumerable.Range(0, 8).Select(i => stub.PutStateAsync($"w{i}", values[i]!)));
            return Harness.Ok();
        }, new TestPeerOptions { ResponseDelay = TimeSpan.FromMilliseconds(5) });
        for (var i = 0; i < 8; i++)
        {
            h.Ledger.Seed($"k{i}", $"v{i}");
        }

        var result = await h.InvokeAsync("x");

        Assert.Equal(200, result.Status);
        Assert.Empty(h.Peer.Violations);
        Assert.Equal(16, result.Transcript.Count(l => l.StartsWith("peer->cc RESPONSE", StringComparison.Ordinal)));
        Assert.Equal("v7", h.Ledger.GetString("w7"));
    }

    [Fact]
    public async Task Sixty_four_transactions_run_concurrently_on_one_stream()
    {
        var running = 0;
        var maxRunning = 0;
        await using var h = await Harness.StartAsync(async stub =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            var value = await stub.GetStateAsync(stub.Parameters[0]);
            await Task.Delay(20);
            await stub.PutStateAsync(stub.Parameters[0], [.. value ?? [], (byte)'!']);
            Interlocked.Decrement(ref running);
            return Harness.Ok(stub.Parameters[0]);
        }, new TestPeerOptions { ResponseDelay = TimeSpan.FromMilliseconds(1) });

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => h.InvokeAsync("x", $"key{i}")));

        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"key{i}"), results.Select(r => r.Payload));
        Assert.True(maxRunning > 1, $"transactions ran one after another (max {maxRunning} at once)");
        Assert.Equal("!", h.Ledger.GetString("key63"));
    }

    [Fact]
    public async Task A_chaincode_that_blocks_on_stub_calls_still_gets_its_replies()
    {
        // Sync-over-async is poor style, but must not deadlock: whatever thread a transaction continues on, the
        // stream must go on being read while the transaction blocks.
        await using var h = await Harness.StartAsync(stub =>
        {
#pragma warning disable VSTHRD002, CA1849 // deliberately blocking: this is what the test is about
            var value = stub.GetStateAsync("k").GetAwaiter().GetResult();
            stub.PutStateAsync("copy", value!).GetAwaiter().GetResult();
            var again = stub.GetStateAsync("k").Result;
#pragma warning restore VSTHRD002, CA1849
            return Task.FromResult(Harness.Ok(Encoding.UTF8.GetString(again!)));
        });
        h.Ledger.Seed("k", "v");

        var result = await h.InvokeAsync("x").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(200, result.Status);
        Assert.Equal("v", result.Payload);
        Assert.Equal("v", h.Ledger.GetString("copy"));
    }

    [Fact]
    public async Task A_transaction_busy_on_its_thread_does_not_hold_up_another_one()
    {
        using var release = new ManualResetEventSlim();
        await using var h = await Harness.StartAsync(async stub =>
        {
            var value = await stub.GetStateAsync("k");
            if (stub.FunctionName == "busy")
            {
                // Occupies the thread its reply continued on, without yielding, until the other transaction is done.
                release.Wait(TimeSpan.FromSeconds(30));
            }

            return Harness.Ok(Encoding.UTF8.GetString(value!));
        });
        h.Ledger.Seed("k", "v");

        var busy = h.InvokeAsync("busy");
        var quick = await h.InvokeAsync("quick").WaitAsync(TimeSpan.FromSeconds(20));
        release.Set();

        Assert.Equal(200, quick.Status);
        Assert.Equal(200, (await busy.WaitAsync(TimeSpan.FromSeconds(20))).Status);
    }

    [Fact]
    public async Task A_lone_transaction_that_occupies_its_thread_does_not_stop_the_stream_being_read()
    {
        // Alone in flight, the reply resumes the chaincode on the connection's reader thread; while it is held there,
        // another thread must take over the reading, or the second transaction would never be read.
        using var release = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var h = await Harness.StartAsync(async stub =>
        {
            var value = await stub.GetStateAsync("k");
            if (stub.FunctionName == "hold")
            {
                holding.SetResult();
                release.Wait(TimeSpan.FromSeconds(30));
            }

            return Harness.Ok(Encoding.UTF8.GetString(value!));
        });
        h.Ledger.Seed("k", "v");

        var hold = h.InvokeAsync("hold");
        await holding.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var next = await h.InvokeAsync("next").WaitAsync(TimeSpan.FromSeconds(20));
        var heldMeanwhile = !hold.IsCompleted;
        release.Set();

        Assert.True(heldMeanwhile, "the first transaction should still have been held when the second completed");
        Assert.Equal(200, next.Status);
        Assert.Equal(200, (await hold.WaitAsync(TimeSpan.FromSeconds(20))).Status);
    }

    [Fact]
    public async Task A_chaincode_exception_becomes_COMPLETED_500_with_its_message_and_the_next_transaction_is_served()
    {
        await using var h = await Harness.StartAsync(stub =>
            stub.FunctionName == "boom" ? throw new InvalidOperationException("the asset does not exist") : Task.FromResult(Harness.Ok("fine")));

        var failed = await h.InvokeAsync("boom");
        var next = await h.InvokeAsync("ok");

        Assert.True(failed.IsCompleted);
        Assert.Equal(500, failed.Status);
        Assert.Equal("the asset does not exist", failed.ErrorMessage);
        Assert.DoesNotContain("   at ", failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("fine", next.Payload);
    }

    [Fact]
    public async Task A_chaincode_that_returns_null_fails_with_500()
    {
        await using var h = await Harness.StartAsync(_ => Task.FromResult<ChaincodeResponse>(null!));

        var result = await h.InvokeAsync("x");

        Assert.Equal(500, result.Status);
        Assert.Equal("The chaincode returned no response.", result.ErrorMessage);
    }

    [Fact]
    public async Task Error_responses_keep_their_status_message_and_payload()
    {
        await using var h = await Harness.StartAsync(_ => Task.FromResult(new ChaincodeResponse(404, "not found", Encoding.UTF8.GetBytes("detail"))));

        var result = await h.InvokeAsync("x");

        Assert.Equal(404, result.Status);
        Assert.Equal("not found", result.ErrorMessage);
        Assert.Equal("detail", result.Payload);
    }

    [Fact]
    public async Task Init_messages_call_InitAsync()
    {
        var chaincode = new LambdaChaincode((_, _) => Task.FromResult(Harness.Ok("invoke")), (_, _) => Task.FromResult(Harness.Ok("init")));
        await using var h = await Harness.StartAsync(chaincode);

        var init = await h.Peer.ExecuteAsync(new TransactionRequest("x") { IsInit = true });
        var invoke = await h.InvokeAsync("x");

        Assert.Equal("init", init.Payload);
        Assert.Equal("invoke", invoke.Payload);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
