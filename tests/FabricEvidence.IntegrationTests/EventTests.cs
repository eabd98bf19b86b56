using System.Text;
using FabricEvidence.Gateway;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Peer;
using Xunit.Abstractions;

namespace FabricEvidence.IntegrationTests;

/// <summary>Chaincode events, full blocks and filtered blocks from the real peers' event services.</summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class EventTests
{
    private static readonly TimeSpan StreamTimeout = TimeSpan.FromSeconds(60);
    private readonly FabricNetwork _fabric;
    private readonly ITestOutputHelper _output;

    public EventTests(FabricNetwork fabric, ITestOutputHelper output)
    {
        _fabric = fabric;
        _output = output;
    }

    [NetworkFact]
    public async Task Chaincode_events_resumed_from_a_file_checkpoint_continue_without_gap_or_duplicate()
    {
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var registered = await RegisterManyAsync(client, "events", 8);
        var firstBlock = registered.Min(r => r.Status.BlockNumber);
        var ours = registered.Select(r => r.TransactionId).ToHashSet(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(StreamTimeout);

        // The reference: one uninterrupted stream from the first block, up to the last of our transactions.
        var reference = await ReadEventsAsync(client, new EventsOptions { StartBlock = firstBlock }, ours, ours.Count, timeout.Token);
        Assert.Equal(ours.Order(StringComparer.Ordinal), reference.Where(e => ours.Contains(e.TransactionId)).Select(e => e.TransactionId).Order(StringComparer.Ordinal));
        // Stop in the middle of a block when one holds several of our events, the hardest place to resume from.
        var stopAfter = Enumerable.Range(1, reference.Count - 1).FirstOrDefault(i => reference[i - 1].BlockNumber == reference[i].BlockNumber, reference.Count / 2);

        var path = Path.Combine(Path.GetTempPath(), $"fabric-evidence-checkpoint-{Guid.NewGuid():N}.json");
        try
        {
            // First run: process some events, checkpointing each, then stop (as a process would be stopped).
            var checkpointer = await Checkpointers.FileAsync(path, timeout.Token);
            var firstRun = new List<ContractEvent>();
            await foreach (var e in client.Network.GetChaincodeEventsAsync(client.ChaincodeName, new EventsOptions { StartBlock = firstBlock, Checkpoint = checkpointer }, timeout.Token))
            {
                firstRun.Add(e);
                await checkpointer.CheckpointChaincodeEventAsync(e, timeout.Token);
                if (firstRun.Count == stopAfter)
                {
                    break;
                }
            }

            // Second run: a new checkpointer read from the file and a new connection, as after a restart. The start
            // block given is ignored because the checkpoint holds a position.
            await using var restarted = GatewayConnection.Connect(_fabric, 2);
            var resumedFrom = await Checkpointers.FileAsync(path, timeout.Token);
            Assert.Equal(firstRun[^1].BlockNumber, resumedFrom.BlockNumber);
            Assert.Equal(firstRun[^1].TransactionId, resumedFrom.TransactionId);
            var remaining = reference.Skip(stopAfter).Count(e => ours.Contains(e.TransactionId));
            var secondRun = await ReadEventsAsync(restarted, new EventsOptions { StartBlock = 0, Checkpoint = resumedFrom }, ours, remaining, timeout.Token);

            _output.WriteLine(
                $"{reference.Count} events in blocks {reference[0].BlockNumber}-{reference[^1].BlockNumber}; stopped after {stopAfter}, " +
                (reference[stopAfter - 1].BlockNumber == reference[stopAfter].BlockNumber ? "in the middle of a block" : "at a block boundary"));
            var resumed = firstRun.Concat(secondRun).Select(Describe).ToList();
            Assert.Equal(reference.Select(Describe), resumed);
            Assert.Equal(resumed.Count, resumed.Distinct(StringComparer.Ordinal).Count());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [NetworkFact]
    public async Task Chaincode_events_carry_the_contracts_payload_and_the_committed_transactions_ids()
    {
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var registered = await RegisterManyAsync(client, "payload", 3);
        using var timeout = new CancellationTokenSource(StreamTimeout);

        var events = await ReadEventsAsync(
            client, new EventsOptions { StartBlock = registered.Min(r => r.Status.BlockNumber) }, registered.Select(r => r.TransactionId).ToHashSet(), 3, timeout.Token);

        foreach (var (id, transactionId, status) in registered)
        {
            var e = Assert.Single(events, e => e.TransactionId == transactionId);
            Assert.Equal("EvidenceRegistered", e.EventName);
            Assert.Equal(client.ChaincodeName, e.ChaincodeName);
            Assert.Equal(status.BlockNumber, e.BlockNumber);
            var payload = Evidence.Json(e.Payload.ToArray());
            Assert.Equal(id, payload.Text("id"));
            Assert.Equal(Evidence.Digest(id), payload.Text("digest"));
        }
    }

    [NetworkFact]
    public async Task Block_events_contain_each_submitted_transaction_as_valid_in_the_block_its_commit_status_named()
    {
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var registered = await RegisterManyAsync(client, "blocks", 4);
        var expected = registered.ToDictionary(r => r.TransactionId, r => r.Status.BlockNumber, StringComparer.Ordinal);
        var lastBlock = expected.Values.Max();
        using var timeout = new CancellationTokenSource(StreamTimeout);

        var found = new Dictionary<string, (ulong Block, TxValidationCode Code)>(StringComparer.Ordinal);
        ulong? previous = null;
        await foreach (var block in client.Network.GetBlockEventsAsync(new EventsOptions { StartBlock = expected.Values.Min() }, timeout.Token))
        {
            Assert.True(previous is null || block.Header.Number == previous + 1, $"Block {block.Header.Number} follows {previous}");
            previous = block.Header.Number;
            var validation = block.Metadata.Metadata[(int)BlockMetadataIndex.TransactionsFilter].Span;
            Assert.Equal(block.Data.Data.Count, validation.Length);
            for (var i = 0; i < block.Data.Data.Count; i++)
            {
                var envelope = Envelope.Parser.ParseFrom(block.Data.Data[i]);
                var header = ChannelHeader.Parser.ParseFrom(Payload.Parser.ParseFrom(envelope.Payload).Header.ChannelHeader);
                Assert.Equal(_fabric.Channel, header.ChannelId);
                found[header.TxId] = (block.Header.Number, (TxValidationCode)validation[i]);
            }

            if (block.Header.Number >= lastBlock)
            {
                break;
            }
        }

        foreach (var (transactionId, blockNumber) in expected)
        {
            Assert.True(found.TryGetValue(transactionId, out var seen), $"Transaction {transactionId} is in no block");
            Assert.Equal((blockNumber, TxValidationCode.Valid), seen);
        }
    }

    [NetworkFact]
    public async Task Filtered_block_events_list_each_submitted_transaction_with_its_validation_code_and_event_name()
    {
        await using var client = GatewayConnection.Connect(_fabric, 2);
        await using var investigator = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var registered = await RegisterManyAsync(investigator, "filtered", 3);
        var expected = registered.ToDictionary(r => r.TransactionId, r => r.Status.BlockNumber, StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(StreamTimeout);

        var found = new Dictionary<string, FilteredTransaction>(StringComparer.Ordinal);
        await foreach (var block in client.Network.GetFilteredBlockEventsAsync(new EventsOptions { StartBlock = expected.Values.Min() }, timeout.Token))
        {
            Assert.Equal(_fabric.Channel, block.ChannelId);
            foreach (var transaction in block.FilteredTransactions)
            {
                found[transaction.Txid] = transaction;
                Assert.True(!expected.TryGetValue(transaction.Txid, out var number) || number == block.Number, $"{transaction.Txid} in block {block.Number}, expected {number}");
            }

            if (block.Number >= expected.Values.Max())
            {
                break;
            }
        }

        foreach (var transactionId in expected.Keys)
        {
            Assert.True(found.TryGetValue(transactionId, out var transaction), $"Transaction {transactionId} is in no filtered block");
            Assert.Equal(TxValidationCode.Valid, transaction.TxValidationCode);
            Assert.Equal(HeaderType.EndorserTransaction, transaction.Type);
            var chaincodeEvent = Assert.Single(transaction.TransactionActions.ChaincodeActions).ChaincodeEvent;
            Assert.Equal("EvidenceRegistered", chaincodeEvent.EventName);
            Assert.Equal(investigator.ChaincodeName, chaincodeEvent.ChaincodeId);
            // Filtered blocks never carry payloads.
            Assert.True(chaincodeEvent.Payload.IsEmpty);
        }
    }

    /// <summary>Registers <paramref name="count"/> items at once (so that blocks hold several) and waits for each to commit.</summary>
    internal static async Task<List<(string Id, string TransactionId, CommitStatus Status)>> RegisterManyAsync(GatewayConnection client, string prefix, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Evidence.NewId(prefix)).ToArray();
        var submitted = await Task.WhenAll(ids.Select(id =>
            client.Custody.StartSubmitAsync("Register", new ProposalOptions().AddArguments(id, "case-" + prefix, Evidence.Digest(id), prefix))));
        var statuses = await Task.WhenAll(submitted.Select(s => s.GetStatusAsync()));
        Assert.All(statuses, s => Assert.True(s.Successful, s.ToString()));
        return ids.Select((id, i) => (id, submitted[i].TransactionId, statuses[i])).ToList();
    }

    /// <summary>Reads chaincode events until <paramref name="count"/> of the given transactions' events have arrived.</summary>
    private static async Task<List<ContractEvent>> ReadEventsAsync(GatewayConnection client, EventsOptions options, HashSet<string> ours, int count, CancellationToken cancellationToken)
    {
        var events = new List<ContractEvent>();
        var seen = 0;
        await foreach (var e in client.Network.GetChaincodeEventsAsync(client.ChaincodeName, options, cancellationToken))
        {
            events.Add(e);
            if (ours.Contains(e.TransactionId) && ++seen == count)
            {
                break;
            }
        }

        return events;
    }

    private static string Describe(ContractEvent e) => $"{e.BlockNumber}/{e.TransactionId}/{e.EventName}/{Encoding.UTF8.GetString(e.Payload.Span)}";
}
