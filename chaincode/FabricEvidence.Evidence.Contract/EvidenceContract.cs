using FabricEvidence.Chaincode;
using FabricEvidence.Evidence.Contract.Internal;

namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// Evidence custody: an immutable record of each evidence item's digest and of everything that happens to it,
/// confirmed by the parties that act, with every permission taken from the caller's certificate (MSP id and the Fabric
/// CA <c>role</c> attribute) and every time from the transaction.
/// </summary>
/// <remarks>
/// <para>
/// Life cycle: an investigator submits an item (<see cref="EvidenceState.Submitted"/>); the storage receiver confirms
/// it with the digest it computed itself (<see cref="EvidenceState.Stored"/>) or finds another one
/// (<see cref="EvidenceState.Rejected"/>); after its retention date, the holder's request and a judge's or prosecutor's
/// approval dispose of it (<see cref="EvidenceState.Disposed"/>, a tombstone). Custody moves between organisations
/// only by an offer and an acceptance; legal holds block transfer and disposal.
/// </para>
/// <para>
/// Every argument is a string checked by the contract, so that each refusal carries one of
/// <see cref="EvidenceErrorCodes"/> and writes nothing. Each submitted transaction sets one event
/// (<see cref="EvidenceEventTypes"/>, payload <see cref="EvidenceEvent"/>). Evaluations record nothing.
/// </para>
/// </remarks>
[Contract(Name = ContractName)]
[Info(Title = "Evidence custody", Description = "Two-party evidence records, custody, holds, retention, disposal, lineage, integrity and access", License = "Apache-2.0")]
public sealed partial class EvidenceContract : FabricEvidence.Chaincode.Contract
{
    /// <summary>The contract name clients use: <c>evidence</c> (transactions are <c>evidence:Submit</c> and so on).</summary>
    public const string ContractName = "evidence";

    /// <summary>
    /// The private data collection holding <see cref="EvidenceOrigin"/> and <see cref="CaseDetails"/>:
    /// <c>evidencePrivate</c>. It must be in the chaincode definition (see <c>collections_config.json</c>).
    /// </summary>
    public const string PrivateCollection = "evidencePrivate";

    /// <summary>
    /// Submits an evidence item held by the caller's organisation. Role <c>investigator</c>. Transient data:
    /// <c>origin</c> (required) and <c>caseDetails</c> (optional), both RFC 8785 canonical JSON; only their SHA-256
    /// hashes become public. The item waits for the storage receiver's confirmation.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The new item's id.</param>
    /// <param name="caseReference">The pseudonymous case reference.</param>
    /// <param name="description">A short public description, without personal data.</param>
    /// <param name="digestAlgorithm"><c>SHA-256</c> or <c>SM3</c>.</param>
    /// <param name="digest">The digest of the evidence file, 64 lowercase hex digits.</param>
    /// <param name="size">The size of the file in bytes.</param>
    /// <param name="mediaType">The media type, for example <c>image/jpeg</c>.</param>
    /// <param name="retainUntil">The retention date, RFC 3339, after the transaction's time.</param>
    /// <returns>The new record, <see cref="EvidenceState.Submitted"/>.</returns>
    [Transaction]
    [return: Returns("The new record (state Submitted)")]
    public static async Task<EvidenceRecord> Submit(
        Context context,
        [Param("The new item's id: 1-64 ASCII letters, digits, '.', '_', '-'")] string evidenceId,
        [Param("The pseudonymous case reference (also '/')")] string caseReference,
        [Param("A short public description, no personal data")] string description,
        [Param("SHA-256 or SM3")] string digestAlgorithm,
        [Param("64 lowercase hex digits")] string digest,
        [Param("Size in bytes, decimal")] string size,
        [Param("Media type, type/subtype")] string mediaType,
        [Param("Retention date, RFC 3339")] string retainUntil)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var caller = Caller.Of(context).RequireRole("Submit", EvidenceRoles.Investigator);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var caseRef = Input.CaseReference(caseReference, nameof(caseReference));
        var text = Input.Text(description, nameof(description), EvidenceLimits.MaxDescriptionLength);
        var algorithm = Input.DigestAlgorithm(digestAlgorithm, nameof(digestAlgorithm));
        var hex = Input.Digest(digest, algorithm, nameof(digest));
        var bytes = Input.Size(size, nameof(size));
        var media = Input.MediaType(mediaType, nameof(mediaType));
        var retention = Input.Timestamp(retainUntil, nameof(retainUntil));
        if (retention <= stub.TxTimestamp)
        {
            throw Errors.InvalidArgument($"The retainUntil {retention} is not after the transaction's time {stub.TxTimestamp}.");
        }

        var values = PrivateInput.Read(stub);
        var store = new EvidenceStore(stub);
        await RequireNewAsync(store, id, context.CancellationToken).ConfigureAwait(false);

        var action = caller.Act(stub);
        var record = new EvidenceRecord(id, caseRef, text, algorithm, hex, bytes, media, retention, EvidenceState.Submitted, caller.MspId, action,
            PrivateInput.Hash(values.Origin), new LastChange(EvidenceEventTypes.EvidenceSubmitted, action), [])
        {
            CaseDetailsHash = values.CaseDetails is { } details ? PrivateInput.Hash(details) : null,
        };
        await PutPrivateAsync(store, id, values, context.CancellationToken).ConfigureAwait(false);
        await store.SaveAsync(null, record, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, Events.For(record) with { DigestAlgorithm = algorithm, Digest = hex, RetainUntil = retention });
        return record;
    }

    /// <summary>
    /// Registers a derivative (a working copy or an extraction) of a stored item held by the caller's organisation.
    /// Role <c>investigator</c>. Transient data as for <see cref="Submit"/>. The derivative takes its parent's case and
    /// retention date and, as any item, waits for the storage receiver's confirmation.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The derivative's id.</param>
    /// <param name="parentId">The item it was derived from.</param>
    /// <param name="description">A short public description, without personal data.</param>
    /// <param name="digestAlgorithm"><c>SHA-256</c> or <c>SM3</c>.</param>
    /// <param name="digest">The derivative's digest.</param>
    /// <param name="size">The derivative's size in bytes.</param>
    /// <param name="mediaType">The derivative's media type.</param>
    /// <param name="tool">The tool that produced it.</param>
    /// <param name="toolVersion">The tool's version.</param>
    /// <returns>The new record, <see cref="EvidenceState.Submitted"/>, with its <see cref="EvidenceRecord.Derivation"/>.</returns>
    [Transaction]
    [return: Returns("The derivative's record (state Submitted)")]
    public static async Task<EvidenceRecord> RegisterDerivative(
        Context context,
        [Param("The derivative's id")] string evidenceId,
        [Param("The parent item's id")] string parentId,
        [Param("A short public description, no personal data")] string description,
        [Param("SHA-256 or SM3")] string digestAlgorithm,
        [Param("64 lowercase hex digits")] string digest,
        [Param("Size in bytes, decimal")] string size,
        [Param("Media type, type/subtype")] string mediaType,
        [Param("The tool that produced the derivative")] string tool,
        [Param("The tool's version")] string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var caller = Caller.Of(context).RequireRole("RegisterDerivative", EvidenceRoles.Investigator);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var parentKey = Input.Id(parentId, nameof(parentId));
        if (string.Equals(id, parentKey, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"Evidence {id} cannot be derived from itself.");
        }

        var text = Input.Text(description, nameof(description), EvidenceLimits.MaxDescriptionLength);
        var algorithm = Input.DigestAlgorithm(digestAlgorithm, nameof(digestAlgorithm));
        var hex = Input.Digest(digest, algorithm, nameof(digest));
        var bytes = Input.Size(size, nameof(size));
        var media = Input.MediaType(mediaType, nameof(mediaType));
        var toolName = Input.Text(tool, nameof(tool), EvidenceLimits.MaxToolLength);
        var version = Input.Text(toolVersion, nameof(toolVersion), EvidenceLimits.MaxToolVersionLength);
        var values = PrivateInput.Read(stub);
        var store = new EvidenceStore(stub);
        await RequireNewAsync(store, id, context.CancellationToken).ConfigureAwait(false);
        var parent = await store.GetAsync(parentKey, context.CancellationToken).ConfigureAwait(false);
        caller.RequireOrganisation(parent.Holder, "the holder of the parent", $"register derivatives of {parent.Id}");
        Guards.RequireState(parent, "register a derivative of it", EvidenceState.Stored);
        if (parent.Invalidation is { } invalidation)
        {
            throw Errors.WrongState($"Evidence {parent.Id} was invalidated in transaction {invalidation.Invalidated.TxId}; no new derivatives can be registered from it.");
        }

        var generation = (parent.Derivation?.Generation ?? 0) + 1;
        if (generation > EvidenceLimits.MaxGeneration)
        {
            throw Errors.WrongState($"Evidence {parent.Id} is a derivative of generation {generation - 1}, the deepest allowed; derive from an earlier item.");
        }

        var action = caller.Act(stub);
        var record = new EvidenceRecord(id, parent.CaseReference, text, algorithm, hex, bytes, media, parent.RetainUntil, EvidenceState.Submitted, caller.MspId, action,
            PrivateInput.Hash(values.Origin), new LastChange(EvidenceEventTypes.DerivativeRegistered, action), [])
        {
            CaseDetailsHash = values.CaseDetails is { } details ? PrivateInput.Hash(details) : null,
            Derivation = new Derivation(parent.Id, toolName, version, generation),
        };
        await PutPrivateAsync(store, id, values, context.CancellationToken).ConfigureAwait(false);
        await store.SaveAsync(null, record, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, Events.For(record) with { ParentId = parent.Id, DigestAlgorithm = algorithm, Digest = hex });
        return record;
    }

    /// <summary>
    /// The storage receiver's confirmation: the digest it computed itself, the size, and where and under which version
    /// the object is stored. Role <c>storage</c>. Equal digest and size make the item <see cref="EvidenceState.Stored"/>,
    /// anything else <see cref="EvidenceState.Rejected"/> with both digests kept. An item is confirmed once.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="digestAlgorithm">The algorithm used, which must be the item's.</param>
    /// <param name="computedDigest">The digest the storage receiver computed.</param>
    /// <param name="size">The size the storage receiver found.</param>
    /// <param name="objectLocation">Where the object is stored.</param>
    /// <param name="objectVersion">The stored object's version.</param>
    /// <returns>The record, <see cref="EvidenceState.Stored"/> or <see cref="EvidenceState.Rejected"/>.</returns>
    [Transaction]
    [return: Returns("The record (state Stored or Rejected)")]
    public static async Task<EvidenceRecord> ConfirmStorage(
        Context context,
        [Param("The item")] string evidenceId,
        [Param("SHA-256 or SM3, the item's algorithm")] string digestAlgorithm,
        [Param("The digest computed by storage")] string computedDigest,
        [Param("The size found by storage, decimal")] string size,
        [Param("Where the object is stored")] string objectLocation,
        [Param("The stored object's version")] string objectVersion)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        var caller = Caller.Of(context).RequireRole("ConfirmStorage", EvidenceRoles.Storage);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var algorithm = Input.DigestAlgorithm(digestAlgorithm, nameof(digestAlgorithm));
        var hex = Input.Digest(computedDigest, algorithm, nameof(computedDigest));
        var bytes = Input.Size(size, nameof(size));
        var location = Input.Text(objectLocation, nameof(objectLocation), EvidenceLimits.MaxObjectLocationLength);
        var version = Input.Text(objectVersion, nameof(objectVersion), EvidenceLimits.MaxObjectVersionLength);
        var store = new EvidenceStore(stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        if (item.Storage is { } earlier)
        {
            throw Errors.Conflict($"Evidence {id} was already confirmed by storage in transaction {earlier.Confirmed.TxId}; a confirmation cannot be repeated or replaced.");
        }

        RequireAlgorithm(item, algorithm);
        var matched = string.Equals(hex, item.Digest, StringComparison.Ordinal) && bytes == item.Size;
        var action = caller.Act(stub);
        var type = matched ? EvidenceEventTypes.StorageConfirmed : EvidenceEventTypes.StorageRejected;
        var updated = item with
        {
            State = matched ? EvidenceState.Stored : EvidenceState.Rejected,
            Storage = new StorageReceipt(hex, bytes, location, version, matched, action),
            LastChange = new LastChange(type, action),
        };
        await store.SaveAsync(item, updated, context.CancellationToken).ConfigureAwait(false);
        Events.Emit(stub, Events.For(updated) with { DigestAlgorithm = algorithm, Digest = item.Digest, ComputedDigest = hex, ObjectVersion = version });
        return updated;
    }

    private static async Task RequireNewAsync(EvidenceStore store, string id, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw Errors.Conflict($"Evidence {id} already exists (submitted in transaction {existing.Submitted.TxId}); ids are never reused.");
        }
    }

    private static async Task PutPrivateAsync(EvidenceStore store, string id, PrivateValues values, CancellationToken cancellationToken)
    {
        await store.Stub.PutPrivateDataAsync(PrivateCollection, store.OriginKey(id), values.Origin, cancellationToken).ConfigureAwait(false);
        if (values.CaseDetails is { } details)
        {
            await store.Stub.PutPrivateDataAsync(PrivateCollection, store.CaseDetailsKey(id), details, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void RequireAlgorithm(EvidenceRecord item, string algorithm)
    {
        if (!string.Equals(algorithm, item.DigestAlgorithm, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"Evidence {item.Id} is digested with {item.DigestAlgorithm}, not {algorithm}; compute the digest with {item.DigestAlgorithm}.");
        }
    }
}
