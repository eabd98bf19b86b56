using System.Text;
using FabricEvidence.Gateway.Tests.Infrastructure;
using Grpc.Core;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using SeekInfo = FabricEvidence.Protocol.Orderer.SeekInfo;
using SeekPosition = FabricEvidence.Protocol.Orderer.SeekPosition;

namespace FabricEvidence.Gateway.Tests;

public class EventsTests
{
    private static void AddLedger(FakeGatewayServer server)
    {
        server.Blocks.Add(new FakeBlock(1, new[]
        {
            new FakeTransaction("t1a", "basic", "Created", "one"u8.ToArray()),
            new FakeTransaction("t1b", "other", "Created"),
        }));
        server.Blocks.Add(new FakeBlock(2, new[]
        {
            new FakeTransaction("t2a", "basic", "Updated", "two"u8.ToArray()),
            new FakeTransaction("t2b", "basic", "Broken", Code: TxValidationCode.MvccReadConflict),
            new FakeTransaction("t2c", "basic", "Deleted", "three"u8.ToArray()),
        }));
        server.Blocks.Add(new FakeBlock(3, new[] { new FakeTransaction("t3a", "basic") }));
        server.Blocks.Add(new FakeBlock(4, new[] { new FakeTransaction("t4a", "basic", "Created", "four"u8.ToArray()) }));
    }

    [Fact]
    public async Task Chaincode_events_from_a_start_block_are_the_valid_events_of_that_chaincode_in_order()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);

        var events = await fixture.Network.GetChaincodeEventsAsync("basic", new EventsOptions { StartBlock = 1 }).ToListAsync();

        Assert.Equal(new[] { "t1a", "t2a", "t2c", "t4a" }, events.Select(e => e.TransactionId));
        Assert.Equal(new ulong[] { 1, 2, 2, 4 }, events.Select(e => e.BlockNumber));
        Assert.Equal("Updated", events[1].EventName);
        Assert.Equal("basic", events[1].ChaincodeName);
        Assert.Equal("two", Encoding.UTF8.GetString(events[1].Payload.Span));
        var request = ChaincodeEventsRequest.Parser.ParseFrom(Assert.Single(fixture.Server.ChaincodeEventsRequests).Request);
        Assert.Equal("mychannel", request.ChannelId);
        Assert.Equal("basic", request.ChaincodeId);
        Assert.Equal(1UL, request.StartPosition.Specified.Number);
        Assert.Equal(string.Empty, request.AfterTransactionId);
        Assert.Empty(fixture.Server.Violations);
    }

    [Fact]
    public async Task Without_options_chaincode_events_start_at_the_next_commit()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);

        var events = await fixture.Network.GetChaincodeEventsAsync("basic").ToListAsync();

        Assert.Empty(events);
        var request = ChaincodeEventsRequest.Parser.ParseFrom(Assert.Single(fixture.Server.ChaincodeEventsRequests).Request);
        Assert.Equal(SeekPosition.TypeOneofCase.NextCommit, request.StartPosition.TypeCase);
    }

    [Fact]
    public async Task Checkpoint_resumes_after_its_transaction_and_overrides_the_start_block()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        var checkpointer = Checkpointers.InMemory();
        await checkpointer.CheckpointTransactionAsync(2, "t2a");

        var events = await fixture.Network.GetChaincodeEventsAsync("basic", new EventsOptions { StartBlock = 0, Checkpoint = checkpointer }).ToListAsync();

        Assert.Equal(new[] { "t2c", "t4a" }, events.Select(e => e.TransactionId));
        var request = ChaincodeEventsRequest.Parser.ParseFrom(Assert.Single(fixture.Server.ChaincodeEventsRequests).Request);
        Assert.Equal(2UL, request.StartPosition.Specified.Number);
        Assert.Equal("t2a", request.AfterTransactionId);
    }

    [Fact]
    public async Task Processing_with_a_checkpointer_then_reopening_continues_without_gap_or_duplicate()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        var checkpointer = Checkpointers.InMemory();
        var seen = new List<string>();

        await foreach (var e in fixture.Network.GetChaincodeEventsAsync("basic", new EventsOptions { StartBlock = 0, Checkpoint = checkpointer }))
        {
            seen.Add(e.TransactionId);
            await checkpointer.CheckpointChaincodeEventAsync(e);
            if (seen.Count == 2)
            {
                break;
            }
        }

        await foreach (var e in fixture.Network.GetChaincodeEventsAsync("basic", new EventsOptions { Checkpoint = checkpointer }))
        {
            seen.Add(e.TransactionId);
            await checkpointer.CheckpointChaincodeEventAsync(e);
        }

        Assert.Equal(new[] { "t1a", "t2a", "t2c", "t4a" }, seen);
        Assert.Equal(4UL, checkpointer.BlockNumber);
        Assert.Equal("t4a", checkpointer.TransactionId);
    }

    [Fact]
    public async Task Block_events_of_all_three_kinds_use_the_Fabric_seek_envelope()
    {
        var tlsHash = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        await using var fixture = await GatewayFixture.StartAsync(o => o.TlsClientCertificateHash = tlsHash);
        AddLedger(fixture.Server);
        var options = new EventsOptions { StartBlock = 2 };

        var blocks = await fixture.Network.GetBlockEventsAsync(options).ToListAsync();
        var filtered = await fixture.Network.GetFilteredBlockEventsAsync(options).ToListAsync();
        var withPrivateData = await fixture.Network.GetBlockAndPrivateDataEventsAsync(options).ToListAsync();

        Assert.Equal(new ulong[] { 2, 3, 4 }, blocks.Select(b => b.Header.Number));
        Assert.Equal(new ulong[] { 2, 3, 4 }, filtered.Select(b => b.Number));
        Assert.Equal(TxValidationCode.MvccReadConflict, filtered[0].FilteredTransactions[1].TxValidationCode);
        Assert.Equal(new ulong[] { 2, 3, 4 }, withPrivateData.Select(b => b.Block.Header.Number));
        Assert.Empty(fixture.Server.Violations);
        var requests = fixture.Server.DeliverRequests.ToArray();
        Assert.Equal(new[] { "BlockEvents", "FilteredBlockEvents", "BlockAndPrivateDataEvents" }, requests.Select(r => r.Kind.ToString()));
        foreach (var (_, envelope) in requests)
        {
            var payload = Payload.Parser.ParseFrom(envelope.Payload);
            var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
            var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
            var seek = SeekInfo.Parser.ParseFrom(payload.Data);
            Assert.Equal((int)HeaderType.DeliverSeekInfo, channelHeader.Type);
            Assert.Equal("mychannel", channelHeader.ChannelId);
            Assert.Equal(0UL, channelHeader.Epoch);
            Assert.Equal(tlsHash, channelHeader.TlsCertHash.ToByteArray());
            Assert.True(signatureHeader.Nonce.IsEmpty);
            Assert.False(signatureHeader.Creator.IsEmpty);
            Assert.Equal(2UL, seek.Start.Specified.Number);
            Assert.Equal(ulong.MaxValue, seek.Stop.Specified.Number);
            Assert.Equal(SeekInfo.Types.SeekBehavior.BlockUntilReady, seek.Behavior);
        }
    }

    [Fact]
    public async Task Block_events_use_only_the_checkpoint_block_number()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        var checkpointer = Checkpointers.InMemory();
        await checkpointer.CheckpointBlockAsync(2);

        var blocks = await fixture.Network.GetBlockEventsAsync(new EventsOptions { Checkpoint = checkpointer }).ToListAsync();

        Assert.Equal(new ulong[] { 3, 4 }, blocks.Select(b => b.Header.Number));
    }

    [Fact]
    public async Task Deliver_status_response_raises_a_gateway_error_naming_the_status()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.DeliverStatus = Protocol.Common.Status.Forbidden;

        var ex = await Assert.ThrowsAsync<GatewayException>(() => fixture.Network.GetBlockEventsAsync().ToListAsync());

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains("403 (FORBIDDEN)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("block events on channel 'mychannel'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_error_surfaces_from_the_enumeration_as_a_gateway_error()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        fixture.Server.StreamFailures.Enqueue(new StreamFailure(1, StatusCode.PermissionDenied, "access denied"));
        var received = new List<ContractEvent>();

        var ex = await Assert.ThrowsAsync<GatewayException>(async () =>
        {
            await foreach (var e in fixture.Network.GetChaincodeEventsAsync("basic", new EventsOptions { StartBlock = 0 }))
            {
                received.Add(e);
            }
        });

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains("events of chaincode 'basic'", ex.Message, StringComparison.Ordinal);
        Assert.Single(received);
        Assert.Single(fixture.Server.ChaincodeEventsRequests);
    }

    [Fact]
    public async Task Disposing_the_enumeration_cancels_the_gRPC_call()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        fixture.Server.EndStreamsWhenCaughtUp = false;

        await foreach (var block in fixture.Network.GetFilteredBlockEventsAsync(new EventsOptions { StartBlock = 4 }))
        {
            Assert.Equal(4UL, block.Number);
            break;
        }

        await WaitUntilAsync(() => !fixture.Server.CancelledStreams.IsEmpty);
        Assert.Equal("FilteredBlockEvents", Assert.Single(fixture.Server.CancelledStreams));
    }

    [Fact]
    public async Task Cancelling_the_token_ends_the_stream_with_OperationCanceledException_and_cancels_the_call()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        fixture.Server.EndStreamsWhenCaughtUp = false;
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in fixture.Network.GetChaincodeEventsAsync("basic", new EventsOptions { StartBlock = 4 }, cts.Token))
            {
                cts.CancelAfter(50);
            }
        });

        await WaitUntilAsync(() => !fixture.Server.CancelledStreams.IsEmpty);
    }

    [Fact]
    public async Task Disposing_the_gateway_cancels_its_open_streams()
    {
        var fixture = await GatewayFixture.StartAsync();
        try
        {
            AddLedger(fixture.Server);
            fixture.Server.EndStreamsWhenCaughtUp = false;
            var enumerator = fixture.Network.GetBlockEventsAsync(new EventsOptions { StartBlock = 4 }).GetAsyncEnumerator();
            Assert.True(await enumerator.MoveNextAsync());

            var next = enumerator.MoveNextAsync().AsTask();
            await fixture.Gateway.DisposeAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
            await enumerator.DisposeAsync();
            await WaitUntilAsync(() => !fixture.Server.CancelledStreams.IsEmpty);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task Chaincode_event_stream_that_fails_Unavailable_resumes_after_the_last_event_without_gap_or_duplicate()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        fixture.Server.StreamFailures.Enqueue(new StreamFailure(2, StatusCode.Unavailable, "peer restarting"));

        var events = await fixture.Network.GetChaincodeEventsAsync("basic", new EventsOptions { StartBlock = 0 }).ToListAsync();

        Assert.Equal(new[] { "t1a", "t2a", "t2c", "t4a" }, events.Select(e => e.TransactionId));
        var requests = fixture.Server.ChaincodeEventsRequests.Select(r => ChaincodeEventsRequest.Parser.ParseFrom(r.Request)).ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal(2UL, requests[1].StartPosition.Specified.Number);
        Assert.Equal("t2c", requests[1].AfterTransactionId);
        Assert.Empty(fixture.Server.Violations);
    }

    [Fact]
    public async Task Stream_that_fails_before_any_event_resumes_from_the_original_start()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        fixture.Server.StreamFailures.Enqueue(new StreamFailure(0, StatusCode.Unavailable));

        var blocks = await fixture.Network.GetBlockEventsAsync(new EventsOptions { StartBlock = 3 }).ToListAsync();

        Assert.Equal(new ulong[] { 3, 4 }, blocks.Select(b => b.Header.Number));
        Assert.Equal(2, fixture.Server.DeliverRequests.Count);
    }

    [Fact]
    public async Task Block_stream_that_fails_Unavailable_resumes_at_the_next_block()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        fixture.Server.StreamFailures.Enqueue(new StreamFailure(2, StatusCode.Unavailable));
        fixture.Server.StreamFailures.Enqueue(new StreamFailure(1, StatusCode.Unavailable));

        var blocks = await fixture.Network.GetBlockAndPrivateDataEventsAsync(new EventsOptions { StartBlock = 1 }).ToListAsync();

        Assert.Equal(new ulong[] { 1, 2, 3, 4 }, blocks.Select(b => b.Block.Header.Number));
        var starts = fixture.Server.DeliverRequests
            .Select(r => SeekInfo.Parser.ParseFrom(Payload.Parser.ParseFrom(r.Envelope.Payload).Data).Start.Specified.Number)
            .ToArray();
        Assert.Equal(new ulong[] { 1, 3, 4 }, starts);
    }

    [Fact]
    public async Task By_default_a_listener_keeps_reconnecting_through_a_long_outage_and_counts_each_reconnection()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        AddLedger(fixture.Server);
        // Twenty failures in a row: far more than any fixed retry count would allow, as when a peer is down a while.
        for (var i = 0; i < 20; i++)
        {
            fixture.Server.StreamFailures.Enqueue(new StreamFailure(i == 0 ? 1 : 0, StatusCode.Unavailable, "peer down"));
        }

        long reconnections = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayDiagnostics.MeterName && instrument.Name == "fabric.gateway.event_stream.reconnections")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref reconnections, value));
        listener.Start();

        var blocks = await fixture.Network.GetBlockEventsAsync(new EventsOptions { StartBlock = 1 }).ToListAsync();

        Assert.Equal(new ulong[] { 1, 2, 3, 4 }, blocks.Select(b => b.Header.Number));
        Assert.Equal(21, fixture.Server.DeliverRequests.Count);
        Assert.Equal(20, Interlocked.Read(ref reconnections));
    }

    [Fact]
    public async Task Reconnection_gives_up_after_the_configured_attempts()
    {
        await using var fixture = await GatewayFixture.StartAsync(o => o.Resilience.EventReconnectMaxAttempts = 2);
        AddLedger(fixture.Server);
        for (var i = 0; i < 3; i++)
        {
            fixture.Server.StreamFailures.Enqueue(new StreamFailure(0, StatusCode.Unavailable));
        }

        var ex = await Assert.ThrowsAsync<GatewayException>(() => fixture.Network.GetFilteredBlockEventsAsync(new EventsOptions { StartBlock = 1 }).ToListAsync());

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(3, fixture.Server.DeliverRequests.Count);
    }

    [Fact]
    public async Task Offline_signed_stream_does_not_reconnect_because_it_cannot_be_re_signed()
    {
        await using var fixture = await GatewayFixture.StartAsync(offline: true);
        AddLedger(fixture.Server);
        fixture.Server.StreamFailures.Enqueue(new StreamFailure(1, StatusCode.Unavailable));
        var request = fixture.Network.NewChaincodeEventsRequest("basic", new EventsOptions { StartBlock = 0 });
        var signed = fixture.Gateway.NewSignedChaincodeEventsRequest(request.GetBytes(), await fixture.Credentials.Signer.SignAsync(request.GetDigest()));

        var ex = await Assert.ThrowsAsync<GatewayException>(() => signed.GetEventsAsync().ToListAsync());

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Single(fixture.Server.ChaincodeEventsRequests);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
