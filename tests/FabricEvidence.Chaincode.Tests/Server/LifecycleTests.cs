using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Chaincode.Tests.Shim;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode.Tests.Server;

public class LifecycleTests
{
    [Fact]
    public async Task A_peer_that_drops_the_connection_cancels_its_transactions_and_is_served_again_when_it_redials()
    {
        var cancelled = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var chaincode = new LambdaChaincode(async (stub, cancellationToken) =>
        {
            if (stub.FunctionName == "hang")
            {
                started.SetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.SetResult();
                    throw;
                }
            }

            return Harness.Ok(stub.FunctionName);
        });
        await using var server = await ReferenceServers.StartDotnetAsync(chaincode, logLevel: LogLevel.Critical);

        var first = await TestPeer.ConnectAsync(server.Address);
        var hanging = first.InvokeAsync("hang");
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await first.DisconnectAsync();
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await first.DisposeAsync();
        await using var second = await TestPeer.ConnectAsync(server.Address);
        var result = await second.InvokeAsync("again");

        Assert.Equal("again", result.Payload);
        await Assert.ThrowsAnyAsync<Exception>(() => hanging);
    }

    [Fact]
    public async Task Stopping_refuses_new_transactions_lets_running_ones_finish_and_then_closes_the_stream()
    {
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var chaincode = new LambdaChaincode(async stub =>
        {
            if (stub.FunctionName == "slow")
            {
                started.SetResult();
                await gate.Task;
                await stub.PutStateAsync("written", [1]);
            }

            return Harness.Ok(stub.FunctionName);
        });
        var server = await ReferenceServers.StartDotnetAsync(chaincode, logLevel: LogLevel.Critical);
        await using var peer = await TestPeer.ConnectAsync(server.Address);

        var slow = peer.InvokeAsync("slow");
        await started.Task;
        var stopping = server.Server!.StopAsync();
        TransactionResult refused = null!;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            refused = await peer.InvokeAsync("quick");
            if (!refused.IsCompleted)
            {
                break;
            }
        }

        gate.SetResult();
        var finished = await slow;
        await stopping.WaitAsync(TimeSpan.FromSeconds(30));
        await peer.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        await server.DisposeAsync();

        Assert.False(refused.IsCompleted);
        Assert.Contains("shutting down", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(200, finished.Status);
        Assert.Equal(new byte[] { 1 }, peer.Ledger.Get("written"));
    }

    [Fact]
    public async Task Stopping_closes_streams_after_the_shutdown_timeout_even_if_a_transaction_never_finishes()
    {
        var started = new TaskCompletionSource();
        var chaincode = new LambdaChaincode(async (stub, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Harness.Ok();
        });
        var server = await ReferenceServers.StartDotnetAsync(chaincode, logLevel: LogLevel.Critical,
            configure: o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        await using var peer = await TestPeer.ConnectAsync(server.Address);

        var stuck = peer.InvokeAsync("stuck");
        await started.Task;
        await server.DisposeAsync();

        await peer.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => stuck);
        Assert.Contains("ended the stream", ex.Message, StringComparison.Ordinal);
    }
}
