using FabricEvidence.Chaincode;
using static FabricEvidence.Evidence.Contract.Tests.Parties;

namespace FabricEvidence.Evidence.Contract.Tests;

/// <summary>Custody transfers, legal holds, retention, disposal and invalidation of a stored item.</summary>
public sealed class CustodyTests : IAsyncLifetime
{
    private const string Expiring = "2024-01-01T00:30:00Z";
    private readonly Ledger _ledger = new();

    public async Task InitializeAsync() => await _ledger.StoreAsync("EV-1", retainUntil: Expiring);

    public async Task DisposeAsync() => await _ledger.DisposeAsync();

    [Fact]
    public async Task Custody_moves_only_when_the_receiving_organisation_accepts()
    {
        var offer = (await _ledger.SubmitAsync(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Forensic analysis"])).EnsureSuccess();
        var offered = offer.PayloadAs<EvidenceRecord>();
        Assert.Equal("Org1MSP", offered.Holder);
        Assert.Equal(new TransferOffer("Org2MSP", "Forensic analysis", new PartyAction("Org1MSP", EvidenceRoles.Custodian, Fingerprint(Custodian1), offer.TxId, offer.Timestamp)), offered.Transfer);
        Assert.Equal(["EV-1"], (await _ledger.QueryAsync<EvidencePage>("ListPendingTransfers", "Org2MSP", "10", string.Empty)).Items.Select(i => i.Id));

        var accept = (await _ledger.SubmitAsync(Custodian2, "AcceptTransfer", ["EV-1"])).EnsureSuccess();

        var accepted = accept.PayloadAs<EvidenceRecord>();
        Assert.Equal("Org2MSP", accepted.Holder);
        Assert.Null(accepted.Transfer);
        Assert.Equal(new PartyAction("Org2MSP", EvidenceRoles.Custodian, Fingerprint(Custodian2), accept.TxId, accept.Timestamp), accepted.LastChange.By);
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(accept.Event!.Payload);
        Assert.Equal((EvidenceEventTypes.TransferAccepted, "Org1MSP", "Org2MSP", "Org2MSP"), (accept.Event.Name, payload.FromMspId, payload.ToMspId, payload.Holder));
        Assert.Empty((await _ledger.QueryAsync<EvidencePage>("ListPendingTransfers", string.Empty, "10", string.Empty)).Items);
        Assert.Empty((await _ledger.QueryAsync<EvidencePage>("ListByHolder", "Org1MSP", "10", string.Empty)).Items);
        Assert.Equal(["EV-1"], (await _ledger.QueryAsync<EvidencePage>("ListByHolder", "Org2MSP", "10", string.Empty)).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task The_item_key_needs_the_holders_endorsement_and_the_receivers_while_an_offer_is_open()
    {
        Assert.Equal(["Org1MSP"], EndorsingOrganisations());

        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Analysis"]);
        Assert.Equal(["Org1MSP", "Org2MSP"], EndorsingOrganisations());

        await _ledger.OkAsync<EvidenceRecord>(Custodian2, "AcceptTransfer", ["EV-1"]);
        Assert.Equal(["Org2MSP"], EndorsingOrganisations());
    }

    [Fact]
    public async Task A_declined_offer_leaves_custody_and_endorsement_with_the_holder()
    {
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Analysis"]);

        var result = (await _ledger.SubmitAsync(Custodian2, "DeclineTransfer", ["EV-1", "No capacity"])).EnsureSuccess();

        var declined = result.PayloadAs<EvidenceRecord>();
        Assert.Equal(("Org1MSP", null), (declined.Holder, declined.Transfer));
        Assert.Equal(["Org1MSP"], EndorsingOrganisations());
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(result.Event!.Payload);
        Assert.Equal((EvidenceEventTypes.TransferDeclined, "Org2MSP", "No capacity"), (payload.Type, payload.ToMspId, payload.Reason));
    }

    [Fact]
    public async Task The_holder_can_withdraw_its_offer_and_offer_again()
    {
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Analysis"]);

        var result = (await _ledger.SubmitAsync(Custodian1, "WithdrawTransfer", ["EV-1", "Wrong laboratory"])).EnsureSuccess();

        Assert.Equal(EvidenceEventTypes.TransferWithdrawn, result.Event!.Name);
        Assert.Null(result.PayloadAs<EvidenceRecord>().Transfer);
        await _ledger.RefusedAsync(EvidenceErrorCodes.WrongState, () => _ledger.SubmitAsync(Custodian2, "AcceptTransfer", ["EV-1"]));
        var again = await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-1", "Org3MSP", "Analysis"]);
        Assert.Equal("Org3MSP", again.Transfer!.ToMspId);
    }

    [Fact]
    public async Task A_hold_blocks_transfer_and_disposal_until_every_hold_is_lifted()
    {
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Analysis"]);
        var placed = (await _ledger.SubmitAsync(Judge, "PlaceHold", ["EV-1", "ORDER-17", "Pending appeal"])).EnsureSuccess();
        await _ledger.OkAsync<EvidenceRecord>(Prosecutor1, "PlaceHold", ["EV-1", "PROS-3", "Ongoing investigation"]);
        _ledger.State.Clock = FabricTimestamp.Parse("2024-01-02T00:00:00Z");

        Assert.Equal(EvidenceEventTypes.HoldPlaced, placed.Event!.Name);
        await _ledger.RefusedAsync(EvidenceErrorCodes.WrongState, () => _ledger.SubmitAsync(Custodian2, "AcceptTransfer", ["EV-1"]));
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "WithdrawTransfer", ["EV-1", "Held"]);
        await _ledger.RefusedAsync(EvidenceErrorCodes.WrongState, () => _ledger.SubmitAsync(Custodian1, "RequestDisposal", ["EV-1", "Expired"]));
        await _ledger.RefusedAsync(EvidenceErrorCodes.WrongState, () => _ledger.SubmitAsync(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Analysis"]));

        await _ledger.OkAsync<EvidenceRecord>(Judge, "LiftHold", ["EV-1", "ORDER-17", "Appeal decided"]);
        var lifted = (await _ledger.SubmitAsync(Prosecutor1, "LiftHold", ["EV-1", "PROS-3", "Investigation closed"])).EnsureSuccess();

        Assert.Empty(lifted.PayloadAs<EvidenceRecord>().Holds);
        Assert.Equal(("PROS-3", "Investigation closed"), (ChaincodeJson.Deserialize<EvidenceEvent>(lifted.Event!.Payload).HoldId, ChaincodeJson.Deserialize<EvidenceEvent>(lifted.Event.Payload).Reason));
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "RequestDisposal", ["EV-1", "Expired"]);
    }

    [Fact]
    public async Task A_judge_lifts_any_hold_and_a_prosecutor_only_those_of_prosecutors_of_their_organisation()
    {
        await _ledger.OkAsync<EvidenceRecord>(Prosecutor2, "PlaceHold", ["EV-1", "P2", "Request"]);
        await _ledger.OkAsync<EvidenceRecord>(Prosecutor1, "PlaceHold", ["EV-1", "P1", "Request"]);

        await _ledger.RefusedAsync(EvidenceErrorCodes.Forbidden, () => _ledger.SubmitAsync(Prosecutor1, "LiftHold", ["EV-1", "P2", "Mine now"]));
        await _ledger.OkAsync<EvidenceRecord>(Judge, "LiftHold", ["EV-1", "P2", "Court decision"]);
        var record = await _ledger.OkAsync<EvidenceRecord>(Prosecutor1, "LiftHold", ["EV-1", "P1", "Done"]);

        Assert.Empty(record.Holds);
    }

    [Fact]
    public async Task Disposal_needs_the_holders_request_and_a_judges_approval_and_leaves_a_tombstone_with_purged_details()
    {
        var submission = _ledger.State.Transactions.First(t => t.WrittenKeys.Contains(Keys.Item("EV-1")));
        _ledger.State.Clock = FabricTimestamp.Parse("2024-01-02T00:00:00Z");

        var request = (await _ledger.SubmitAsync(Custodian1, "RequestDisposal", ["EV-1", "Retention period over"])).EnsureSuccess();
        Assert.Equal(["EV-1"], (await _ledger.QueryAsync<EvidencePage>("ListPendingDisposals", "10", string.Empty)).Items.Select(i => i.Id));
        var approval = (await _ledger.SubmitAsync(Judge, "ApproveDisposal", ["EV-1", "Case closed by judgment 2023/881"])).EnsureSuccess();

        var tombstone = approval.PayloadAs<EvidenceRecord>();
        Assert.Equal(EvidenceState.Disposed, tombstone.State);
        Assert.Equal(Ledger.Sha, tombstone.Digest);
        Assert.Equal(
            new DisposalRecord(
                "Retention period over",
                request.PayloadAs<EvidenceRecord>().Disposal!.Requested,
                "Case closed by judgment 2023/881",
                new PartyAction("CourtMSP", EvidenceRoles.Judge, Fingerprint(Judge), approval.TxId, approval.Timestamp)),
            tombstone.Disposal);
        Assert.Equal(approval.PayloadText, (await _ledger.EvaluateAsync(Judge, "GetEvidence", "EV-1")).PayloadText);
        Assert.Empty((await _ledger.QueryAsync<EvidencePage>("ListPendingDisposals", "10", string.Empty)).Items);
        Assert.Equal(["EV-1"], (await _ledger.QueryAsync<EvidencePage>("ListByState", "Disposed", "10", string.Empty)).Items.Select(i => i.Id));

        // The private details are gone from the collection; the block of the submission and the record keep their hashes.
        Assert.Null(_ledger.State.GetPrivateData(EvidenceContract.PrivateCollection, Keys.Origin("EV-1")));
        Assert.Null(_ledger.State.GetPrivateData(EvidenceContract.PrivateCollection, Keys.CaseDetails("EV-1")));
        var purges = _ledger.State.Transactions.Single(t => t.TxId == approval.TxId).PrivateWrites;
        Assert.Equal(2, purges.Count);
        Assert.All(purges, w => Assert.True(w.IsPurge));
        Assert.Equal(
            new[] { tombstone.OriginHash, tombstone.CaseDetailsHash! }.Order(StringComparer.Ordinal),
            submission.PrivateWrites.Select(w => w.ValueHash!).Order(StringComparer.Ordinal));
        Assert.Equal(new PrivateDetailsVerification("EV-1", PrivateDataStatus.Absent, PrivateDataStatus.Absent), await _ledger.QueryAsync<PrivateDetailsVerification>("VerifyPrivateDetails", "EV-1"));
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(approval.Event!.Payload);
        Assert.Equal((EvidenceEventTypes.EvidenceDisposed, Ledger.Sha, "Case closed by judgment 2023/881"), (payload.Type, payload.Digest, payload.Reason));
    }

    [Fact]
    public async Task A_disposal_request_can_be_declined_or_withdrawn()
    {
        _ledger.State.Clock = FabricTimestamp.Parse("2024-01-02T00:00:00Z");
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "RequestDisposal", ["EV-1", "Expired"]);
        var declined = (await _ledger.SubmitAsync(Prosecutor2, "DeclineDisposal", ["EV-1", "Appeal possible"])).EnsureSuccess();
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "RequestDisposal", ["EV-1", "Expired, no appeal"]);
        var withdrawn = (await _ledger.SubmitAsync(Custodian1, "WithdrawDisposal", ["EV-1", "Asked to keep it"])).EnsureSuccess();

        Assert.Equal((EvidenceEventTypes.DisposalDeclined, EvidenceEventTypes.DisposalWithdrawn), (declined.Event!.Name, withdrawn.Event!.Name));
        Assert.Null(withdrawn.PayloadAs<EvidenceRecord>().Disposal);
        Assert.Equal(EvidenceState.Stored, withdrawn.PayloadAs<EvidenceRecord>().State);
        await _ledger.RefusedAsync(EvidenceErrorCodes.WrongState, () => _ledger.SubmitAsync(Judge, "ApproveDisposal", ["EV-1", "Done"]));
    }

    [Fact]
    public async Task Retention_extended_after_the_request_blocks_the_approval()
    {
        _ledger.State.Clock = FabricTimestamp.Parse("2024-01-02T00:00:00Z");
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "RequestDisposal", ["EV-1", "Expired"]);

        var changed = (await _ledger.SubmitAsync(Prosecutor1, "SetRetention", ["EV-1", "2026-06-30T00:00:00+02:00", "Appeal filed"])).EnsureSuccess();

        Assert.Equal(FabricTimestamp.Parse("2026-06-29T22:00:00Z"), changed.PayloadAs<EvidenceRecord>().RetainUntil);
        var payload = ChaincodeJson.Deserialize<EvidenceEvent>(changed.Event!.Payload);
        Assert.Equal((EvidenceEventTypes.RetentionChanged, FabricTimestamp.Parse("2026-06-29T22:00:00Z"), "Appeal filed"), (payload.Type, payload.RetainUntil, payload.Reason));
        var refused = await _ledger.RefusedAsync(EvidenceErrorCodes.WrongState, () => _ledger.SubmitAsync(Judge, "ApproveDisposal", ["EV-1", "Done"]));
        Assert.Contains("2026-06-29T22:00:00.000000000Z", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_item_can_be_held_and_disposed_of()
    {
        (await _ledger.SubmitItemAsync("EV-R", retainUntil: Expiring)).EnsureSuccess();
        await _ledger.ConfirmAsync("EV-R", digest: Ledger.OtherSha);
        await _ledger.OkAsync<EvidenceRecord>(Judge, "PlaceHold", ["EV-R", "H", "Examine the mismatch"]);
        await _ledger.OkAsync<EvidenceRecord>(Judge, "LiftHold", ["EV-R", "H", "Examined"]);
        _ledger.State.Clock = FabricTimestamp.Parse("2024-01-02T00:00:00Z");

        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "RequestDisposal", ["EV-R", "Never stored correctly"]);
        var disposed = await _ledger.OkAsync<EvidenceRecord>(Prosecutor1, "ApproveDisposal", ["EV-R", "Agreed"]);

        Assert.Equal(EvidenceState.Disposed, disposed.State);
        Assert.False(disposed.Storage!.Matched);
        Assert.Null(_ledger.State.GetPrivateData(EvidenceContract.PrivateCollection, Keys.Origin("EV-R")));
    }

    [Fact]
    public async Task Invalidation_keeps_the_record_and_its_history_and_custody_goes_on()
    {
        var result = (await _ledger.SubmitAsync(Judge, "Invalidate", ["EV-1", "Obtained without a valid warrant"])).EnsureSuccess();

        var invalidated = result.PayloadAs<EvidenceRecord>();
        Assert.Equal(new Invalidation("Obtained without a valid warrant", new PartyAction("CourtMSP", EvidenceRoles.Judge, Fingerprint(Judge), result.TxId, result.Timestamp)), invalidated.Invalidation);
        Assert.Equal(EvidenceState.Stored, invalidated.State);
        Assert.Equal(EvidenceEventTypes.EvidenceInvalidated, result.Event!.Name);
        Assert.Equal(3, (await _ledger.QueryAsync<List<HistoryEntry>>("GetHistory", "EV-1")).Count);
        Assert.True((await _ledger.QueryAsync<DigestVerification>("VerifyDigest", "EV-1", DigestAlgorithms.Sha256, Ledger.Sha)).Invalidated);
        await _ledger.OkAsync<EvidenceRecord>(Custodian1, "OfferTransfer", ["EV-1", "Org2MSP", "Return to owner agency"]);
        await _ledger.OkAsync<EvidenceRecord>(Custodian2, "AcceptTransfer", ["EV-1"]);
    }

    private List<string> EndorsingOrganisations() =>
        [.. new KeyEndorsementPolicy(_ledger.State.GetStateValidationParameter(Keys.Item("EV-1"))).ListOrgs()];
}
