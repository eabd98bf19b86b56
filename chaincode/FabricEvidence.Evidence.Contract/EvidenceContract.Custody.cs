using FabricEvidence.Chaincode;
using FabricEvidence.Evidence.Contract.Internal;

namespace FabricEvidence.Evidence.Contract;

// Custody transfers, legal holds, retention and disposal, invalidation: the transactions that change a stored item.
public sealed partial class EvidenceContract
{
    /// <summary>
    /// Offers custody to another organisation. Role <c>custodian</c> of the holding organisation. The item must be
    /// stored, not under hold, without an open offer or disposal request. Until the receiver accepts, the holder keeps
    /// custody, and changes of the item need both organisations' endorsement.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="toMspId">The receiving organisation's MSP id.</param>
    /// <param name="purpose">Why custody is transferred.</param>
    /// <returns>The record with its <see cref="EvidenceRecord.Transfer"/>.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> OfferTransfer(Context context, [Param("The item")] string evidenceId, [Param("The receiving organisation's MSP id")] string toMspId, [Param("Why custody is transferred")] string purpose)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("OfferTransfer", EvidenceRoles.Custodian);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var to = Input.Id(toMspId, nameof(toMspId));
        var why = Input.Text(purpose, nameof(purpose), EvidenceLimits.MaxPurposeLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        caller.RequireOrganisation(item.Holder, "a custodian of the holder", $"offer custody of {id}");
        Guards.RequireState(item, "offer a transfer", EvidenceState.Stored);
        if (item.Transfer is { } open)
        {
            throw Errors.Conflict($"Custody of {id} is already offered to {open.ToMspId} (transaction {open.Offered.TxId}); withdraw that offer first.");
        }

        Guards.RequireNotHeld(item, "offer a transfer");
        if (item.Disposal is not null)
        {
            throw Errors.WrongState($"Disposal of {id} was requested in transaction {item.Disposal.Requested.TxId}; withdraw the request before offering custody.");
        }

        if (string.Equals(to, item.Holder, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"{to} already holds {id}; custody can only be offered to another organisation.");
        }

        var action = caller.Act(context.Stub);
        var updated = item with { Transfer = new TransferOffer(to, why, action), LastChange = new LastChange(EvidenceEventTypes.TransferOffered, action) };
        return await SaveAsync(store, item, updated, e => e with { ToMspId = to, Purpose = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Accepts custody offered to the caller's organisation. Role <c>custodian</c> of the receiving organisation; the item must not be under hold.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <returns>The record, now held by the caller's organisation.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> AcceptTransfer(Context context, [Param("The item")] string evidenceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("AcceptTransfer", EvidenceRoles.Custodian);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        var offer = RequireOffer(item);
        caller.RequireOrganisation(offer.ToMspId, "a custodian of the organisation it is offered to", $"accept custody of {id}");
        Guards.RequireNotHeld(item, "accept the transfer");
        var action = caller.Act(context.Stub);
        var updated = item with { Holder = offer.ToMspId, Transfer = null, LastChange = new LastChange(EvidenceEventTypes.TransferAccepted, action) };
        return await SaveAsync(store, item, updated, e => e with { FromMspId = item.Holder, ToMspId = offer.ToMspId }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Declines custody offered to the caller's organisation. Role <c>custodian</c> of the receiving organisation.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record, without an offer.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> DeclineTransfer(Context context, [Param("The item")] string evidenceId, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("DeclineTransfer", EvidenceRoles.Custodian);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        var offer = RequireOffer(item);
        caller.RequireOrganisation(offer.ToMspId, "a custodian of the organisation it is offered to", $"decline custody of {id}");
        var action = caller.Act(context.Stub);
        var updated = item with { Transfer = null, LastChange = new LastChange(EvidenceEventTypes.TransferDeclined, action) };
        return await SaveAsync(store, item, updated, e => e with { ToMspId = offer.ToMspId, Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Withdraws the holder's open offer. Role <c>custodian</c> of the holding organisation.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record, without an offer.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> WithdrawTransfer(Context context, [Param("The item")] string evidenceId, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("WithdrawTransfer", EvidenceRoles.Custodian);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        caller.RequireOrganisation(item.Holder, "a custodian of the holder", $"withdraw the offer of {id}");
        var offer = RequireOffer(item);
        var action = caller.Act(context.Stub);
        var updated = item with { Transfer = null, LastChange = new LastChange(EvidenceEventTypes.TransferWithdrawn, action) };
        return await SaveAsync(store, item, updated, e => e with { ToMspId = offer.ToMspId, Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Places a legal hold: while any hold is in force the item can be neither transferred nor disposed of. Role
    /// <c>prosecutor</c> or <c>judge</c>, of any organisation. The item must be stored or rejected.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="holdId">The hold's id (a court order reference, for example), unique among the item's holds.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record with the new hold.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> PlaceHold(Context context, [Param("The item")] string evidenceId, [Param("The hold's id")] string holdId, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("PlaceHold", EvidenceRoles.Prosecutor, EvidenceRoles.Judge);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var hold = Input.Id(holdId, nameof(holdId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        Guards.RequireState(item, "place a hold", EvidenceState.Stored, EvidenceState.Rejected);
        if (item.Holds.FirstOrDefault(h => string.Equals(h.HoldId, hold, StringComparison.Ordinal)) is { } existing)
        {
            throw Errors.Conflict($"Evidence {id} already has the hold {hold} (placed in transaction {existing.Placed.TxId}).");
        }

        if (item.Holds.Count >= EvidenceLimits.MaxHolds)
        {
            throw Errors.WrongState($"Evidence {id} already has {item.Holds.Count} holds, the most allowed; lift one first.");
        }

        var action = caller.Act(context.Stub);
        var updated = item with { Holds = [.. item.Holds, new LegalHold(hold, why, action)], LastChange = new LastChange(EvidenceEventTypes.HoldPlaced, action) };
        return await SaveAsync(store, item, updated, e => e with { HoldId = hold, Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Lifts a legal hold. Role <c>judge</c> (any hold), or <c>prosecutor</c> for a hold a prosecutor of the same
    /// organisation placed: a prosecutor cannot undo a court's hold.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="holdId">The hold.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record without that hold.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> LiftHold(Context context, [Param("The item")] string evidenceId, [Param("The hold's id")] string holdId, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("LiftHold", EvidenceRoles.Prosecutor, EvidenceRoles.Judge);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var hold = Input.Id(holdId, nameof(holdId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        var existing = item.Holds.FirstOrDefault(h => string.Equals(h.HoldId, hold, StringComparison.Ordinal))
            ?? throw Errors.NotFound($"Evidence {id} has no hold {hold} in force.");
        if (string.Equals(caller.Role, EvidenceRoles.Prosecutor, StringComparison.Ordinal)
            && (!string.Equals(existing.Placed.Role, EvidenceRoles.Prosecutor, StringComparison.Ordinal) || !string.Equals(existing.Placed.MspId, caller.MspId, StringComparison.Ordinal)))
        {
            throw Errors.Forbidden($"The hold {hold} on {id} was placed by a {existing.Placed.Role} of {existing.Placed.MspId}; a prosecutor can lift only holds placed by prosecutors of their own organisation ({caller.MspId}), a judge any hold.");
        }

        var action = caller.Act(context.Stub);
        var updated = item with { Holds = item.Holds.Where(h => !ReferenceEquals(h, existing)).ToList(), LastChange = new LastChange(EvidenceEventTypes.HoldLifted, action) };
        return await SaveAsync(store, item, updated, e => e with { HoldId = hold, Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the retention date. Role <c>prosecutor</c> or <c>judge</c>. The item must be stored or rejected.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="retainUntil">The new retention date, RFC 3339.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record with the new date.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> SetRetention(Context context, [Param("The item")] string evidenceId, [Param("The new retention date, RFC 3339")] string retainUntil, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("SetRetention", EvidenceRoles.Prosecutor, EvidenceRoles.Judge);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var retention = Input.Timestamp(retainUntil, nameof(retainUntil));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        Guards.RequireState(item, "change its retention", EvidenceState.Stored, EvidenceState.Rejected);
        var action = caller.Act(context.Stub);
        var updated = item with { RetainUntil = retention, LastChange = new LastChange(EvidenceEventTypes.RetentionChanged, action) };
        return await SaveAsync(store, item, updated, e => e with { RetainUntil = retention, Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Requests disposal: the first of two parties. Role <c>custodian</c> of the holding organisation. The retention date
    /// must have passed, and the item must be stored or rejected, without hold or open offer.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record with the pending <see cref="EvidenceRecord.Disposal"/>.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> RequestDisposal(Context context, [Param("The item")] string evidenceId, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("RequestDisposal", EvidenceRoles.Custodian);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        caller.RequireOrganisation(item.Holder, "a custodian of the holder", $"request disposal of {id}");
        Guards.RequireState(item, "request its disposal", EvidenceState.Stored, EvidenceState.Rejected);
        if (item.Disposal is { } pending)
        {
            throw Errors.Conflict($"Disposal of {id} was already requested in transaction {pending.Requested.TxId}.");
        }

        Guards.RequireNotHeld(item, "request its disposal");
        if (item.Transfer is { } offer)
        {
            throw Errors.WrongState($"Custody of {id} is offered to {offer.ToMspId}; withdraw the offer before requesting disposal.");
        }

        Guards.RequireRetentionExpired(item, context.Stub.TxTimestamp, "request its disposal");
        var action = caller.Act(context.Stub);
        var updated = item with { Disposal = new DisposalRecord(why, action), LastChange = new LastChange(EvidenceEventTypes.DisposalRequested, action) };
        return await SaveAsync(store, item, updated, e => e with { Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Withdraws the holder's disposal request. Role <c>custodian</c> of the holding organisation.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record without a disposal request.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> WithdrawDisposal(Context context, [Param("The item")] string evidenceId, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("WithdrawDisposal", EvidenceRoles.Custodian);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        caller.RequireOrganisation(item.Holder, "a custodian of the holder", $"withdraw the disposal request of {id}");
        RequirePendingDisposal(item);
        var action = caller.Act(context.Stub);
        var updated = item with { Disposal = null, LastChange = new LastChange(EvidenceEventTypes.DisposalWithdrawn, action) };
        return await SaveAsync(store, item, updated, e => e with { Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Declines the holder's disposal request. Role <c>prosecutor</c> or <c>judge</c>.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record without a disposal request.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> DeclineDisposal(Context context, [Param("The item")] string evidenceId, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("DeclineDisposal", EvidenceRoles.Prosecutor, EvidenceRoles.Judge);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        RequirePendingDisposal(item);
        var action = caller.Act(context.Stub);
        var updated = item with { Disposal = null, LastChange = new LastChange(EvidenceEventTypes.DisposalDeclined, action) };
        return await SaveAsync(store, item, updated, e => e with { Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Approves the holder's disposal request: the second party. Role <c>prosecutor</c> or <c>judge</c>. The item must
    /// not be under hold and its retention date must (still) have passed. The record stays as a tombstone
    /// (<see cref="EvidenceState.Disposed"/>: digest, parties, the decision's transaction and reason) and the private
    /// details are purged from every peer, their hashes kept in the record. Needs channel capability V2_5.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">The decision's reason.</param>
    /// <returns>The tombstone.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> ApproveDisposal(Context context, [Param("The item")] string evidenceId, [Param("The decision's reason")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var caller = Caller.Of(context).RequireRole("ApproveDisposal", EvidenceRoles.Prosecutor, EvidenceRoles.Judge);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        var request = RequirePendingDisposal(item);
        Guards.RequireNotHeld(item, "dispose of it");
        Guards.RequireRetentionExpired(item, stub.TxTimestamp, "dispose of it");
        var action = caller.Act(stub);
        var updated = item with
        {
            State = EvidenceState.Disposed,
            Disposal = request with { DecisionReason = why, Approved = action },
            LastChange = new LastChange(EvidenceEventTypes.EvidenceDisposed, action),
        };
        await stub.PurgePrivateDataAsync(PrivateCollection, store.OriginKey(id), context.CancellationToken).ConfigureAwait(false);
        if (item.CaseDetailsHash is not null)
        {
            await stub.PurgePrivateDataAsync(PrivateCollection, store.CaseDetailsKey(id), context.CancellationToken).ConfigureAwait(false);
        }

        return await SaveAsync(store, item, updated, e => e with { Reason = why, DigestAlgorithm = item.DigestAlgorithm, Digest = item.Digest }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Invalidates the item as evidence (for example, found to be unlawfully obtained). Role <c>prosecutor</c> or
    /// <c>judge</c>. The record and its history stay; custody, holds, integrity checks and disposal go on, but no new
    /// derivative can be registered from it. The item must be stored or rejected; an item is invalidated once.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="reason">Why.</param>
    /// <returns>The record with its <see cref="EvidenceRecord.Invalidation"/>.</returns>
    [Transaction]
    public static async Task<EvidenceRecord> Invalidate(Context context, [Param("The item")] string evidenceId, [Param("Why")] string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("Invalidate", EvidenceRoles.Prosecutor, EvidenceRoles.Judge);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var why = Input.Text(reason, nameof(reason), EvidenceLimits.MaxReasonLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        Guards.RequireState(item, "invalidate it", EvidenceState.Stored, EvidenceState.Rejected);
        if (item.Invalidation is { } earlier)
        {
            throw Errors.Conflict($"Evidence {id} was already invalidated in transaction {earlier.Invalidated.TxId}.");
        }

        var action = caller.Act(context.Stub);
        var updated = item with { Invalidation = new Invalidation(why, action), LastChange = new LastChange(EvidenceEventTypes.EvidenceInvalidated, action) };
        return await SaveAsync(store, item, updated, e => e with { Reason = why }, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records an integrity attestation: the storage receiver re-hashed the stored object. Role <c>storage</c> of the
    /// organisation that confirmed the item. A digest other than the recorded one flags the item for good and sets an
    /// <see cref="EvidenceEventTypes.IntegrityMismatch"/> event. The item must be stored.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="digestAlgorithm">The algorithm used, which must be the item's.</param>
    /// <param name="computedDigest">The digest computed now.</param>
    /// <param name="objectVersion">The object version hashed.</param>
    /// <returns>The attestation.</returns>
    [Transaction]
    public static async Task<IntegrityCheck> RecordIntegrityCheck(
        Context context,
        [Param("The item")] string evidenceId,
        [Param("SHA-256 or SM3, the item's algorithm")] string digestAlgorithm,
        [Param("The digest computed now")] string computedDigest,
        [Param("The object version hashed")] string objectVersion)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("RecordIntegrityCheck", EvidenceRoles.Storage);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var algorithm = Input.DigestAlgorithm(digestAlgorithm, nameof(digestAlgorithm));
        var hex = Input.Digest(computedDigest, algorithm, nameof(computedDigest));
        var version = Input.Text(objectVersion, nameof(objectVersion), EvidenceLimits.MaxObjectVersionLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        Guards.RequireState(item, "record an integrity check", EvidenceState.Stored);
        caller.RequireOrganisation(item.Storage!.Confirmed.MspId, "the storage organisation that confirmed it", $"attest the integrity of {id}");
        RequireAlgorithm(item, algorithm);
        var result = string.Equals(hex, item.Digest, StringComparison.Ordinal) ? IntegrityResult.Match : IntegrityResult.Mismatch;
        var action = caller.Act(context.Stub);
        var check = new IntegrityCheck(id, algorithm, hex, version, result, action);
        var type = result == IntegrityResult.Match ? EvidenceEventTypes.IntegrityVerified : EvidenceEventTypes.IntegrityMismatch;
        var updated = item with
        {
            Integrity = new IntegrityStatus(check, item.Integrity?.FirstMismatch ?? (result == IntegrityResult.Mismatch ? check : null)),
            LastChange = new LastChange(type, action),
        };
        await store.AppendAsync(EvidenceStore.IntegrityType, id, check, context.CancellationToken).ConfigureAwait(false);
        await SaveAsync(store, item, updated, e => e with { DigestAlgorithm = algorithm, Digest = item.Digest, ComputedDigest = hex, ObjectVersion = version }, context.CancellationToken).ConfigureAwait(false);
        return check;
    }

    /// <summary>
    /// Records that the caller reads the item's content, and why: a submitted transaction, so that the read is on the
    /// ledger (evaluations record nothing). Role <c>investigator</c>, <c>custodian</c>, <c>prosecutor</c> or
    /// <c>judge</c>, of any organisation. The item must be stored. The item itself does not change.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="purpose">Why the content is read.</param>
    /// <returns>The access record; its transaction id is the receipt a storage service can check.</returns>
    [Transaction]
    public static async Task<AccessRecord> RecordAccess(Context context, [Param("The item")] string evidenceId, [Param("Why the content is read")] string purpose)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = Caller.Of(context).RequireRole("RecordAccess", EvidenceRoles.Investigator, EvidenceRoles.Custodian, EvidenceRoles.Prosecutor, EvidenceRoles.Judge);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var why = Input.Text(purpose, nameof(purpose), EvidenceLimits.MaxPurposeLength);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        Guards.RequireState(item, "record an access", EvidenceState.Stored);
        var action = caller.Act(context.Stub);
        var access = new AccessRecord(id, why, action);
        await store.AppendAsync(EvidenceStore.AccessType, id, access, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(context.Stub, Events.For(item) with { Type = EvidenceEventTypes.AccessRecorded, By = action, Purpose = why });
        return access;
    }

    private static async Task<EvidenceRecord> SaveAsync(EvidenceStore store, EvidenceRecord before, EvidenceRecord after, Func<EvidenceEvent, EvidenceEvent> details, CancellationToken cancellationToken)
    {
        await store.SaveAsync(before, after, cancellationToken).ConfigureAwait(false);
        Events.Emit(store.Stub, details(Events.For(after)));
        return after;
    }

    private static TransferOffer RequireOffer(EvidenceRecord item) =>
        item.Transfer ?? throw Errors.WrongState(item.State == EvidenceState.Stored
            ? $"No transfer of {item.Id} is pending."
            : $"No transfer of {item.Id} is pending; it is {item.State}.");

    private static DisposalRecord RequirePendingDisposal(EvidenceRecord item)
    {
        Guards.RequireState(item, "decide on its disposal", EvidenceState.Stored, EvidenceState.Rejected);
        return item.Disposal ?? throw Errors.WrongState($"No disposal of {item.Id} has been requested.");
    }
}
