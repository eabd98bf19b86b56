using System.Security.Cryptography;
using FabricEvidence.Chaincode;
using static FabricEvidence.Evidence.Contract.Tests.Parties;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>Submission by an investigator and confirmation by the storage receiver: the two parties of every record.</summary>
public sealed class SubmissionTests : IAsyncLifetime
{
    private readonly Ledger _ledger = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Investigator_submits_an_item_recorded_with_the_transaction_and_the_certificate()
    {
        var result = (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess();

        var record = result.PayloadAs<EvidenceRecord>();
        Assert.Equal(EvidenceState.Submitted, record.State);
        Assert.Equal("Org1MSP", record.Holder);
        Assert.Equal(new PartyAction("Org1MSP", EvidenceRoles.Investigator, Fingerprint(Investigator1), result.TxId, result.Timestamp), record.Submitted);
        Assert.Equal(new LastChange(EvidenceEventTypes.EvidenceSubmitted, record.Submitted), record.LastChange);
        Assert.Equal(("CASE-1", DigestAlgorithms.Sha256, Ledger.Sha, 1024L), (record.CaseReference, record.DigestAlgorithm, record.Digest, record.Size));
        Assert.Equal(FabricTimestamp.Parse(Ledger.Retention), record.RetainUntil);
        Assert.Null(record.Storage);
        Assert.Empty(record.Holds);
        Assert.Equal(result.PayloadText, _ledger.State.GetStateText(Keys.Item("EV-1")));
    }

    [Fact]
    public async Task Private_inputs_go_to_the_collection_and_only_their_hashes_to_the_record()
    {
        var record = (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess().PayloadAs<EvidenceRecord>();

        Assert.Equal(Ledger.Origin(), _ledger.State.GetPrivateData(EvidenceContract.PrivateCollection, Keys.Origin("EV-1")));
        Assert.Equal(Ledger.Details(), _ledger.State.GetPrivateData(EvidenceContract.PrivateCollection, Keys.CaseDetails("EV-1")));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Ledger.Origin())), record.OriginHash);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Ledger.Details())), record.CaseDetailsHash);
        var verification = await _ledger.QueryAsync<PrivateDetailsVerification>("VerifyPrivateDetails", "EV-1");
        Assert.Equal(new PrivateDetailsVerification("EV-1", PrivateDataStatus.Match, PrivateDataStatus.Match), verification);
    }

    [Fact]
    public async Task Case_details_are_optional_and_then_reported_as_not_recorded()
    {
        var record = (await _ledger.SubmitItemAsync("EV-1", withDetails: false)).EnsureSuccess().PayloadAs<EvidenceRecord>();

        Assert.Null(record.CaseDetailsHash);
        Assert.Null(_ledger.State.GetPrivateData(EvidenceContract.PrivateCollection, Keys.CaseDetails("EV-1")));
        var verification = await _ledger.QueryAsync<PrivateDetailsVerification>("VerifyPrivateDetails", "EV-1");
        Assert.Equal(PrivateDataStatus.NotRecorded, verification.CaseDetails);
        var details = await _ledger.QueryAsync<PrivateDetails>("GetPrivateDetails", "EV-1");
        Assert.Null(details.CaseDetails);
    }

    [Fact]
    public async Task Submission_sets_one_event_with_the_digest_and_no_private_data()
    {
        var result = (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess();

        Assert.Equal(EvidenceEventTypes.EvidenceSubmitted, result.Event!.Name);
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(result.Event.Payload);
        var record = result.PayloadAs<EvidenceRecord>();
        Assert.Equal(
            new EvidenceEvent(EvidenceEventTypes.EvidenceSubmitted, "EV-1", "CASE-1", EvidenceState.Submitted, "Org1MSP", record.Submitted)
            {
                DigestAlgorithm = DigestAlgorithms.Sha256,
                Digest = Ledger.Sha,
                RetainUntil = record.RetainUntil,
            },
            payload);
    }

    [Fact]
    public async Task Storage_confirmation_with_the_same_digest_and_size_stores_the_item_with_both_parties()
    {
        var submitted = (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess().PayloadAs<EvidenceRecord>();

        var result = (await _ledger.SubmitAsync(Storage1, "ConfirmStorage", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "1024", "s3://evidence/EV-1", "3HL4kqtJlcpXroDTDmJ"])).EnsureSuccess();

        var stored = result.PayloadAs<EvidenceRecord>();
        var confirmer = new PartyAction("Org1MSP", EvidenceRoles.Storage, Fingerprint(Storage1), result.TxId, result.Timestamp);
        Assert.Equal(EvidenceState.Stored, stored.State);
        Assert.Equal(submitted.Submitted, stored.Submitted);
        Assert.Equal(new StorageReceipt(Ledger.Sha, 1024, "s3://evidence/EV-1", "3HL4kqtJlcpXroDTDmJ", true, confirmer), stored.Storage);
        Assert.NotEqual(stored.Submitted.CertificateFingerprint, stored.Storage!.Confirmed.CertificateFingerprint);
        Assert.Equal(EvidenceEventTypes.StorageConfirmed, result.Event!.Name);
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(result.Event.Payload);
        Assert.Equal((Ledger.Sha, Ledger.Sha, "3HL4kqtJlcpXroDTDmJ", confirmer), (payload.Digest, payload.ComputedDigest, payload.ObjectVersion, payload.By));
    }

    [Fact]
    public async Task Storage_confirmation_with_another_digest_rejects_the_item_and_keeps_both_digests()
    {
        (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess();

        var result = (await _ledger.SubmitAsync(Storage1, "ConfirmStorage", ["EV-1", DigestAlgorithms.Sha256, Ledger.OtherSha, "1024", "s3://evidence/EV-1", "v1"])).EnsureSuccess();

        var rejected = result.PayloadAs<EvidenceRecord>();
        Assert.Equal(EvidenceState.Rejected, rejected.State);
        Assert.Equal(Ledger.Sha, rejected.Digest);
        Assert.Equal(Ledger.OtherSha, rejected.Storage!.ComputedDigest);
        Assert.False(rejected.Storage.Matched);
        Assert.Equal(EvidenceEventTypes.StorageRejected, result.Event!.Name);
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(result.Event.Payload);
        Assert.Equal((Ledger.Sha, Ledger.OtherSha, EvidenceState.Rejected), (payload.Digest, payload.ComputedDigest, payload.State));
    }

    [Fact]
    public async Task Storage_confirmation_with_another_size_rejects_the_item()
    {
        (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess();

        var rejected = await _ledger.ConfirmAsync("EV-1", size: "1025");

        Assert.Equal(EvidenceState.Rejected, rejected.State);
        Assert.Equal((1024L, 1025L), (rejected.Size, rejected.Storage!.Size));
    }

    [Fact]
    public async Task An_SM3_item_is_submitted_and_confirmed_with_SM3()
    {
        var stored = await _ledger.StoreAsync("EV-SM3", algorithm: DigestAlgorithms.Sm3, digest: Ledger.Sm3);

        Assert.Equal((DigestAlgorithms.Sm3, Ledger.Sm3, EvidenceState.Stored), (stored.DigestAlgorithm, stored.Digest, stored.State));
        var verification = await _ledger.QueryAsync<DigestVerification>("VerifyDigest", "EV-SM3", DigestAlgorithms.Sm3, Ledger.Sm3);
        Assert.True(verification.Matches);
        Assert.True(verification.StorageConfirmed);
    }

    [Fact]
    public async Task Storage_of_another_organisation_can_confirm_and_then_alone_attests_integrity()
    {
        (await _ledger.SubmitItemAsync("EV-1")).EnsureSuccess();

        var stored = await _ledger.ConfirmAsync("EV-1", by: Storage2);
        var check = await _ledger.OkAsync<IntegrityCheck>(Storage2, "RecordIntegrityCheck", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "v1"]);

        Assert.Equal(("Org1MSP", "Org2MSP"), (stored.Holder, stored.Storage!.Confirmed.MspId));
        Assert.Equal(IntegrityResult.Match, check.Result);
        await _ledger.RefusedAsync(EvidenceErrorCodes.Forbidden, () => _ledger.SubmitAsync(Storage1, "RecordIntegrityCheck", ["EV-1", DigestAlgorithms.Sha256, Ledger.Sha, "v1"]));
    }

    [Fact]
    public async Task A_derivative_takes_its_parents_case_and_retention_and_awaits_its_own_confirmation()
    {
        var parent = await _ledger.StoreAsync("EV-1", caseReference: "CASE-9/2024");

        var result = (await _ledger.SubmitAsync(Investigator1, "RegisterDerivative", ["EV-1-D1", "EV-1", "SMS export", DigestAlgorithms.Sm3, Ledger.Sm3, "77", "text/csv", "Extractor", "4.2.1"], Ledger.Transient(withDetails: false))).EnsureSuccess();

        var derivative = result.PayloadAs<EvidenceRecord>();
        Assert.Equal(new Derivation("EV-1", "Extractor", "4.2.1", 1), derivative.Derivation);
        Assert.Equal((parent.CaseReference, parent.RetainUntil, EvidenceState.Submitted), (derivative.CaseReference, derivative.RetainUntil, derivative.State));
        Assert.Equal(EvidenceEventTypes.DerivativeRegistered, result.Event!.Name);
        Assert.Equal("EV-1", ChaincodeJson.Deserialize<EvidenceEvent>(result.Event.Payload).ParentId);
        var stored = await _ledger.ConfirmAsync("EV-1-D1", DigestAlgorithms.Sm3, Ledger.Sm3, "77");
        Assert.Equal(EvidenceState.Stored, stored.State);
    }

    [Fact]
    public async Task Lineage_is_queryable_downwards_and_upwards()
    {
        await _ledger.StoreAsync("EV-1");
        foreach (var (id, parent) in new[] { ("EV-2", "EV-1"), ("EV-3", "EV-1"), ("EV-4", "EV-2") })
        {
            (await _ledger.SubmitAsync(Investigator1, "RegisterDerivative", [id, parent, "Copy", DigestAlgorithms.Sha256, Ledger.Sha, "1024", "image/png", "Imager", "1"], Ledger.Transient())).EnsureSuccess();
            await _ledger.ConfirmAsync(id);
        }

        var children = await _ledger.QueryAsync<EvidencePage>("ListDerivatives", "EV-1", "10", string.Empty);
        var lineage = await _ledger.QueryAsync<List<EvidenceRecord>>("GetLineage", "EV-4");

        Assert.Equal(["EV-2", "EV-3"], children.Items.Select(i => i.Id));
        Assert.Equal(string.Empty, children.Bookmark);
        Assert.Equal(["EV-4", "EV-2", "EV-1"], lineage.Select(i => i.Id));
        Assert.Equal([2, 1], lineage.Take(2).Select(i => i.Derivation!.Generation));
        Assert.Empty((await _ledger.QueryAsync<EvidencePage>("ListDerivatives", "EV-4", "10", string.Empty)).Items);
    }

    [Fact]
    public async Task Derivation_chains_stop_at_the_deepest_generation()
    {
        await _ledger.StoreAsync("G0");
        for (var generation = 1; generation <= EvidenceLimits.MaxGeneration; generation++)
        {
            (await _ledger.SubmitAsync(Investigator1, "RegisterDerivative", [$"G{generation}", $"G{generation - 1}", "Copy", DigestAlgorithms.Sha256, Ledger.Sha, "1024", "image/png", "Imager", "1"], Ledger.Transient())).EnsureSuccess();
            await _ledger.ConfirmAsync($"G{generation}");
        }

        await _ledger.RefusedAsync(EvidenceErrorCodes.WrongState, () => _ledger.SubmitAsync(Investigator1, "RegisterDerivative", ["G-too-deep", $"G{EvidenceLimits.MaxGeneration}", "Copy", DigestAlgorithms.Sha256, Ledger.Sha, "1024", "image/png", "Imager", "1"], Ledger.Transient()));
        Assert.Equal(EvidenceLimits.MaxGeneration + 1, (await _ledger.QueryAsync<List<EvidenceRecord>>("GetLineage", $"G{EvidenceLimits.MaxGeneration}")).Count);
    }
}
