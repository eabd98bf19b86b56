using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Evidence;
using FabricEvidence.Gateway;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// The evidence contract on real peers through its typed client: both parties' signatures, custody, holds, disposal
/// with purge, lineage, integrity and events, each signed by a user whose certificate carries the role.
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class EvidenceCustodyTests(FabricNetwork fabric)
{
    private static readonly EvidenceOrigin Origin = new("Officer Wang Wei", "Seized phone IMEI 3520990000000", "UFED", "7.69", "Chaoyang station");

    [NetworkFact]
    public async Task Submission_and_confirmation_are_two_transactions_signed_by_two_certificates_in_the_blocks()
    {
        await using var investigator = Client(1, NetworkUser.Investigator);
        await using var storage = Client(2, NetworkUser.Storage);
        var id = Evidence.NewId("EV-TWO");
        var content = RandomNumberGenerator.GetBytes(4096);

        var submitted = await investigator.Evidence.SubmitAsync(Request(id, DigestAlgorithm.Sm3), new MemoryStream(content));
        var stored = await Confirm(storage.Evidence, submitted);

        Assert.Equal(EvidenceState.Stored, stored.State);
        var submission = await TransactionAsync(investigator, submitted.Submitted.TxId);
        var confirmation = await TransactionAsync(storage, stored.Storage!.Confirmed.TxId);
        Assert.True(submission.IsValid && confirmation.IsValid);
        Assert.Equal("Org1MSP", submission.CreatorMspId);
        Assert.Equal("Org2MSP", confirmation.CreatorMspId);
        using var first = submission.GetCreatorCertificate();
        using var second = confirmation.GetCreatorCertificate();
        Assert.NotEqual(first.Thumbprint, second.Thumbprint);
        Assert.Equal(stored.Submitted.CertificateFingerprint, Convert.ToHexStringLower(SHA256.HashData(first.RawData)));
        Assert.Equal(stored.Storage.Confirmed.CertificateFingerprint, Convert.ToHexStringLower(SHA256.HashData(second.RawData)));
        Assert.Equal(submission.Timestamp, stored.Submitted.Timestamp);
        var block = await BlockAsync(investigator, submitted.Submitted.TxId);
        var text = Encoding.UTF8.GetString(block.ToByteArray());
        Assert.DoesNotContain("Wang Wei", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chaoyang", text, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task A_digest_mismatch_rejects_the_item_and_keeps_both_digests()
    {
        await using var investigator = Client(1, NetworkUser.Investigator);
        await using var storage = Client(1, NetworkUser.Storage);
        var submitted = await investigator.Evidence.SubmitAsync(Request(Evidence.NewId("EV-BAD")), new MemoryStream(Encoding.UTF8.GetBytes("original")));

        var rejected = await storage.Evidence.ConfirmStorageAsync(new ConfirmStorageRequest
        {
            EvidenceId = submitted.Id,
            DigestAlgorithm = DigestAlgorithm.Sha256,
            ComputedDigest = Evidence.Digest("tampered in transit"),
            Size = submitted.Size,
            ObjectLocation = "file://store/" + submitted.Id,
            ObjectVersion = "v1",
        });

        Assert.Equal(EvidenceState.Rejected, rejected.State);
        Assert.Equal(submitted.Digest, rejected.Digest);
        Assert.Equal(Evidence.Digest("tampered in transit"), rejected.Storage!.ComputedDigest);
        Assert.False(rejected.Storage.Matched);
        await Assert.ThrowsAsync<EvidenceConflictException>(() => Confirm(storage.Evidence, submitted));
    }

    [NetworkFact]
    public async Task Custody_is_accepted_by_one_transfer_and_declined_in_another_and_a_hold_blocks_both_transfer_and_disposal()
    {
        await using var investigator = Client(1, NetworkUser.Investigator);
        await using var storage = Client(1, NetworkUser.Storage);
        await using var custodian1 = Client(1, NetworkUser.Custodian);
        await using var custodian2 = Client(2, NetworkUser.Custodian);
        await using var judge = Client(2, NetworkUser.Judge);
        var accepted = await StoredAsync(investigator, storage, "EV-ACC");
        var declined = await StoredAsync(investigator, storage, "EV-DEC");
        var held = await StoredAsync(investigator, storage, "EV-HOLD", TimeSpan.FromSeconds(3));

        await custodian1.Evidence.OfferTransferAsync(accepted.Id, "Org2MSP", "Forensic analysis");
        var moved = await custodian2.Evidence.AcceptTransferAsync(accepted.Id);
        await custodian1.Evidence.OfferTransferAsync(declined.Id, "Org2MSP", "Forensic analysis");
        var stayed = await custodian2.Evidence.DeclineTransferAsync(declined.Id, "No capacity");
        await judge.Evidence.PlaceHoldAsync(held.Id, "ORDER-1", "Pending appeal");
        await Task.Delay(TimeSpan.FromSeconds(4)); // past the held item's retention date

        Assert.Equal("Org2MSP", moved.Holder);
        Assert.Equal("Org1MSP", stayed.Holder);
        Assert.Null(stayed.Transfer);
        await Assert.ThrowsAsync<EvidenceWrongStateException>(() => custodian1.Evidence.OfferTransferAsync(held.Id, "Org2MSP", "Analysis"));
        await Assert.ThrowsAsync<EvidenceWrongStateException>(() => custodian1.Evidence.RequestDisposalAsync(held.Id, "Retention over"));
        var history = await custodian1.Evidence.GetHistoryAsync(moved.Id);
        Assert.Equal([EvidenceEventTypes.EvidenceSubmitted, EvidenceEventTypes.StorageConfirmed, EvidenceEventTypes.TransferOffered, EvidenceEventTypes.TransferAccepted], history.Select(h => h.Record.LastChange.Type));
    }

    [NetworkFact]
    public async Task Disposal_leaves_a_tombstone_and_purges_the_private_details_from_both_peers()
    {
        await using var investigator1 = Client(1, NetworkUser.Investigator);
        await using var investigator2 = Client(2, NetworkUser.Investigator);
        await using var storage = Client(1, NetworkUser.Storage);
        await using var custodian = Client(1, NetworkUser.Custodian);
        await using var prosecutor = Client(2, NetworkUser.Prosecutor);
        var item = await StoredAsync(investigator1, storage, "EV-DISP", TimeSpan.FromSeconds(3));
        Assert.Equal(Origin, (await investigator1.Evidence.GetPrivateDetailsAsync(item.Id)).Origin);
        Assert.Equal(Origin, (await investigator2.Evidence.GetPrivateDetailsAsync(item.Id)).Origin);
        await Task.Delay(TimeSpan.FromSeconds(4));

        await custodian.Evidence.RequestDisposalAsync(item.Id, "Retention period over");
        var tombstone = await prosecutor.Evidence.ApproveDisposalAsync(item.Id, "Case closed, retention over");

        Assert.Equal(EvidenceState.Disposed, tombstone.State);
        Assert.Equal(item.Digest, tombstone.Digest);
        Assert.Equal("Case closed, retention over", tombstone.Disposal!.DecisionReason);
        Assert.Equal(item.OriginHash, tombstone.OriginHash);
        await Assert.ThrowsAsync<EvidenceNotFoundException>(() => investigator1.Evidence.GetPrivateDetailsAsync(item.Id));
        await Assert.ThrowsAsync<EvidenceNotFoundException>(() => investigator2.Evidence.GetPrivateDetailsAsync(item.Id));
        Assert.Equal(PrivateDataStatus.Absent, (await investigator1.Evidence.VerifyPrivateDetailsAsync(item.Id)).Origin);
        await Assert.ThrowsAsync<EvidenceWrongStateException>(() => custodian.Evidence.OfferTransferAsync(item.Id, "Org2MSP", "x"));
    }

    [NetworkFact]
    public async Task Derivatives_form_a_lineage_queryable_both_ways()
    {
        await using var investigator = Client(1, NetworkUser.Investigator);
        await using var storage = Client(1, NetworkUser.Storage);
        var original = await StoredAsync(investigator, storage, "EV-ORIG");
        var copy = await investigator.Evidence.RegisterDerivativeAsync(Derivative(original.Id, Evidence.NewId("EV-COPY")));
        await Confirm(storage.Evidence, copy);
        var extract = await investigator.Evidence.RegisterDerivativeAsync(Derivative(copy.Id, Evidence.NewId("EV-EXTR")));

        var lineage = await investigator.Evidence.GetLineageAsync(extract.Id);
        var children = await investigator.Evidence.ListDerivativesAsync(original.Id).ToListAsync();

        Assert.Equal([extract.Id, copy.Id, original.Id], lineage.Select(r => r.Id));
        Assert.Equal(2, extract.Derivation!.Generation);
        Assert.Equal(copy.Id, Assert.Single(children).Id);
    }

    [NetworkFact]
    public async Task An_integrity_mismatch_flags_the_item_and_its_event_reaches_a_listener_that_resumes_from_a_checkpoint()
    {
        await using var investigator = Client(1, NetworkUser.Investigator);
        await using var storage = Client(1, NetworkUser.Storage);
        var item = await StoredAsync(investigator, storage, "EV-INT");
        var checkpointer = Checkpointers.InMemory();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var start = (await TransactionAsync(investigator, item.Submitted.TxId)).BlockNumber;

        // A first listener takes the item's first event, checkpoints it, and stops.
        await foreach (var e in investigator.Evidence.GetEventsAsync(new EvidenceEventsOptions { StartBlock = start, EvidenceId = item.Id }, timeout.Token))
        {
            await checkpointer.CheckpointChaincodeEventAsync(new ContractEvent(e.BlockNumber, e.By.TxId, FabricNetwork.EvidenceChaincode, e.Type, default), timeout.Token);
            break;
        }

        var check = await storage.Evidence.RecordIntegrityCheckAsync(new RecordIntegrityCheckRequest
        {
            EvidenceId = item.Id,
            DigestAlgorithm = DigestAlgorithm.Sha256,
            ComputedDigest = Evidence.Digest("altered behind the service's back"),
            ObjectVersion = "v1",
        });
        var resumed = new List<EvidenceEvent>();
        await foreach (var e in investigator.Evidence.GetEventsAsync(new EvidenceEventsOptions { Checkpoint = checkpointer, EvidenceId = item.Id }, timeout.Token))
        {
            resumed.Add(e);
            if (e.Type == EvidenceEventTypes.IntegrityMismatch)
            {
                break;
            }
        }

        Assert.Equal(IntegrityResult.Mismatch, check.Result);
        Assert.True((await investigator.Evidence.GetEvidenceAsync(item.Id)).IsIntegrityFlagged);
        Assert.Equal([EvidenceEventTypes.StorageConfirmed, EvidenceEventTypes.IntegrityMismatch], resumed.Select(e => e.Type));
        Assert.Equal(Evidence.Digest("altered behind the service's back"), resumed[1].ComputedDigest);
    }

    private EvidenceConnection Client(int org, NetworkUser user) => new(GatewayConnection.Connect(fabric, org, user), fabric.Channel);

    private static SubmitEvidenceRequest Request(string id, DigestAlgorithm? algorithm = null, TimeSpan? retain = null) => new()
    {
        EvidenceId = id,
        CaseReference = "CASE-IT/1",
        Description = "Phone image",
        DigestAlgorithm = algorithm ?? DigestAlgorithm.Sha256,
        Digest = new string('0', 64),
        Size = 0,
        RetainUntil = DateTimeOffset.UtcNow + (retain ?? TimeSpan.FromDays(3650)),
        Origin = Origin,
        CaseDetails = "Seized from the suspect's car",
    };

    private static RegisterDerivativeRequest Derivative(string parentId, string id) => new()
    {
        EvidenceId = id,
        ParentId = parentId,
        Description = "Working copy",
        Digest = Evidence.Digest(id),
        Size = id.Length,
        Tool = "Extractor",
        ToolVersion = "4.2.1",
        Origin = Origin,
    };

    private static Task<EvidenceRecord> Confirm(EvidenceClient storage, EvidenceRecord item) => storage.ConfirmStorageAsync(new ConfirmStorageRequest
    {
        EvidenceId = item.Id,
        DigestAlgorithm = DigestAlgorithm.FromName(item.DigestAlgorithm),
        ComputedDigest = item.Digest,
        Size = item.Size,
        ObjectLocation = "file://store/" + item.Id,
        ObjectVersion = "v1",
    });

    private static async Task<EvidenceRecord> StoredAsync(EvidenceConnection investigator, EvidenceConnection storage, string prefix, TimeSpan? retain = null)
    {
        var submitted = await investigator.Evidence.SubmitAsync(Request(Evidence.NewId(prefix), retain: retain), new MemoryStream(Encoding.UTF8.GetBytes(prefix)));
        return await Confirm(storage.Evidence, submitted);
    }

    private async Task<Block> BlockAsync(EvidenceConnection client, string txId) =>
        Block.Parser.ParseFrom(await client.Connection.Network.GetContract("qscc").EvaluateTransactionAsync("GetBlockByTxID", [fabric.Channel, txId]));

    private async Task<LedgerTransaction> TransactionAsync(EvidenceConnection client, string txId) =>
        LedgerBlock.Parse(await BlockAsync(client, txId)).Transactions.Single(t => t.TransactionId == txId);

    /// <summary>A Gateway connection as one user and the evidence client over it.</summary>
    private sealed class EvidenceConnection(GatewayConnection connection, string channel) : IAsyncDisposable
    {
        public GatewayConnection Connection { get; } = connection;

        public EvidenceClient Evidence { get; } = new(connection.Gateway, new EvidenceClientOptions { ChannelName = channel, ChaincodeName = FabricNetwork.EvidenceChaincode });

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
