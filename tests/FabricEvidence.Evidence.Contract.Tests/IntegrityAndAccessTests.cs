using FabricEvidence.Chaincode;
using static FabricEvidence.Evidence.Contract.Tests.Parties;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>Integrity attestations by the storage receiver, and access records: what reads of content leave on the ledger.</summary>
public sealed class IntegrityAndAccessTests : IAsyncLifetime
{
    private readonly Ledger _ledger = new();

    public async Task InitializeAsync() => await _ledger.StoreAsync("EV-1");

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task A_matching_attestation_is_recorded_with_its_party_and_event()
    {
        var result = (await _ledger.SubmitAsync(Storage1, "RecordIntegrityCheck", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "v1"])).EnsureSuccess();

        var check = result.PayloadAs<IntegrityCheck>();
        Assert.Equal(new IntegrityCheck("EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "v1", IntegrityResult.Match, new PartyAction("Org1MSP", EvidenceRoles.Storage, Fingerprint(Storage1), result.TxId, result.Timestamp)), check);
        Assert.Equal(EvidenceEventTypes.IntegrityVerified, result.Event!.Name);
        var record = await _ledger.GetAsync("EV-1");
        Assert.Equal(new IntegrityStatus(check), record.Integrity);
        Assert.Equal([check], (await _ledger.QueryAsync<IntegrityCheckPage>("ListIntegrityChecks", "EV-1", "10", string.Empty)).Items);
    }

    [Fact]
    public async Task A_mismatch_flags_the_item_for_good_and_emits_an_event()
    {
        await _ledger.OkAsync<IntegrityCheck>(Storage1, "RecordIntegrityCheck", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "v1"]);

        var mismatch = (await _ledger.SubmitAsync(Storage1, "RecordIntegrityCheck", ["EV-1", DigestAlgorithms.Sha256, Ledger.OtherSha, "v1"])).EnsureSuccess();
        var later = await _ledger.OkAsync<IntegrityCheck>(Storage1, "RecordIntegrityCheck", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "v2"]);

        Assert.Equal(EvidenceEventTypes.IntegrityMismatch, mismatch.Event!.Name);
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(mismatch.Event.Payload);
        Assert.Equal((Ledger.Sha, Ledger.OtherSha, "v1"), (payload.Digest, payload.ComputedDigest, payload.ObjectVersion));
        var record = await _ledger.GetAsync("EV-1");
        Assert.Equal(later, record.Integrity!.LastCheck);
        Assert.Equal(mismatch.PayloadAs<IntegrityCheck>(), record.Integrity.FirstMismatch);
        Assert.True((await _ledger.QueryAsync<DigestVerification>("VerifyDigest", "EV-1", DigestAlgorithms.Sha256, Ledger.Sha)).IntegrityFlagged);
        var checks = await _ledger.QueryAsync<IntegrityCheckPage>("ListIntegrityChecks", "EV-1", "10", string.Empty);
        Assert.Equal([IntegrityResult.Match, IntegrityResult.Mismatch, IntegrityResult.Match], checks.Items.Select(c => c.Result));
    }

    [Fact]
    public async Task Reading_content_is_recorded_as_a_transaction_that_leaves_the_record_unchanged()
    {
        var before = _ledger.State.GetStateText(Keys.Item("EV-1"));

        var result = (await _ledger.SubmitAsync(Prosecutor2, "RecordAccess", ["EV-1", "Preparing the indictment"])).EnsureSuccess();

        var access = result.PayloadAs<AccessRecord>();
        Assert.Equal(new AccessRecord("EV-1", "Preparing the indictment", new PartyAction("Org2MSP", EvidenceRoles.Prosecutor, Fingerprint(Prosecutor2), result.TxId, result.Timestamp)), access);
        Assert.Equal(before, _ledger.State.GetStateText(Keys.Item("EV-1")));
        var written = Assert.Single(Assert.Single(_ledger.State.Transactions, t => t.TxId == result.TxId).WrittenKeys);
        Assert.Equal($"\0evidence~access\0EV-1\0{result.Timestamp}\0{result.TxId}\0", written);
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(result.Event!.Payload);
        Assert.Equal((EvidenceEventTypes.AccessRecorded, "Preparing the indictment", access.Accessed), (payload.Type, payload.Purpose, payload.By));
    }

    [Fact]
    public async Task Access_records_are_listed_oldest_first_in_pages()
    {
        var identities = new[] { Investigator1, Custodian1, Judge, Prosecutor1, Investigator2 };
        foreach (var identity in identities)
        {
            await _ledger.OkAsync<AccessRecord>(identity, "RecordAccess", ["EV-1", "Review by " + identity.MspId]);
        }

        var first = await _ledger.QueryAsync<AccessRecordPage>("ListAccessRecords", "EV-1", "3", string.Empty);
        var second = await _ledger.QueryAsync<AccessRecordPage>("ListAccessRecords", "EV-1", "3", first.Bookmark);

        Assert.Equal(identities.Select(Fingerprint), first.Items.Concat(second.Items).Select(a => a.Accessed.CertificateFingerprint));
        Assert.Equal(string.Empty, second.Bookmark);
        Assert.True(first.Items.Concat(second.Items).Select(a => a.Accessed.Timestamp).SequenceEqual(first.Items.Concat(second.Items).Select(a => a.Accessed.Timestamp).Order()));
    }

    [Fact]
    public async Task Evaluations_record_nothing_and_even_a_submitted_query_writes_nothing()
    {
        var committed = _ledger.State.Transactions.Count;
        foreach (var (function, args) in Queries())
        {
            (await _ledger.EvaluateAsync(Judge, function, args)).EnsureSuccess();
        }

        Assert.Equal(committed, _ledger.State.Transactions.Count);

        foreach (var (function, args) in Queries())
        {
            var result = (await _ledger.SubmitAsync(Judge, function, args)).EnsureSuccess();
            var transaction = _ledger.State.Transactions.Single(t => t.TxId == result.TxId);
            Assert.Empty(transaction.WrittenKeys);
            Assert.Empty(transaction.PrivateWrites);
            Assert.Null(transaction.Event);
        }
    }

    private static IEnumerable<(string Function, string[] Args)> Queries() =>
    [
        ("GetEvidence", ["EV-1"]),
        ("GetHistory", ["EV-1"]),
        ("GetLineage", ["EV-1"]),
        ("VerifyDigest", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha]),
        ("VerifyPrivateDetails", ["EV-1"]),
        ("GetPrivateDetails", ["EV-1"]),
        ("ListByCase", ["CASE-1", "10", string.Empty]),
        ("ListByHolder", ["Org1MSP", "10", string.Empty]),
        ("ListByState", ["Stored", "10", string.Empty]),
        ("ListPendingConfirmations", ["10", string.Empty]),
        ("ListPendingTransfers", [string.Empty, "10", string.Empty]),
        ("ListPendingDisposals", ["10", string.Empty]),
        ("ListDerivatives", ["EV-1", "10", string.Empty]),
        ("ListAccessRecords", ["EV-1", "10", string.Empty]),
        ("ListIntegrityChecks", ["EV-1", "10", string.Empty]),
    ];
}
