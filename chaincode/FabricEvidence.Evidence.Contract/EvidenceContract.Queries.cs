using FabricEvidence.Chaincode;
using FabricEvidence.Evidence.Contract.Internal;

namespace FabricEvidence.Evidence.Contract;

// The evaluations: they read and never write (paginated queries could not write anyway, as Fabric allows them only
// in read-only transactions). Page sizes are 1 to 100; bookmarks are opaque and empty for the first page.
public sealed partial class EvidenceContract
{
    /// <summary>The record of an item.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <returns>The record.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<EvidenceRecord> GetEvidence(Context context, [Param("The item")] string evidenceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        return await new EvidenceStore(context.Stub).GetAsync(id, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every committed version of an item's record, oldest first, each with its transaction id and time.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <returns>The versions; <see cref="EvidenceRecord.LastChange"/> of each says what happened and who did it.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<IReadOnlyList<HistoryEntry>> GetHistory(Context context, [Param("The item")] string evidenceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var store = new EvidenceStore(context.Stub);
        var entries = new List<HistoryEntry>();
        await foreach (var change in context.Stub.GetHistoryForKey(store.ItemKey(id)).WithCancellation(context.CancellationToken).ConfigureAwait(false))
        {
            // Records are never deleted; a delete could only come from outside this contract and carries no record.
            if (!change.IsDelete)
            {
                entries.Add(new HistoryEntry(change.TxId, change.Timestamp, ChaincodeJson.Deserialize<EvidenceRecord>(change.Value)));
            }
        }

        if (entries.Count == 0)
        {
            throw Errors.NotFound($"Evidence {id} does not exist.");
        }

        entries.Reverse();
        return entries;
    }

    /// <summary>One page of the items of a case, in id order.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="caseReference">The case reference.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<EvidencePage> ListByCase(Context context, [Param("The case reference")] string caseReference, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caseRef = Input.CaseReference(caseReference, nameof(caseReference));
        return Page(context, EvidenceStore.CaseIndex, [caseRef], pageSize, bookmark);
    }

    /// <summary>One page of the items an organisation holds, in id order.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="mspId">The holding organisation.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<EvidencePage> ListByHolder(Context context, [Param("The holding organisation's MSP id")] string mspId, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        var holder = Input.Id(mspId, nameof(mspId));
        return Page(context, EvidenceStore.HolderIndex, [holder], pageSize, bookmark);
    }

    /// <summary>One page of the items in a state, in id order.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="state"><c>Submitted</c>, <c>Stored</c>, <c>Rejected</c> or <c>Disposed</c>.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<EvidencePage> ListByState(Context context, [Param("Submitted, Stored, Rejected or Disposed")] string state, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = Input.State(state, nameof(state));
        return Page(context, EvidenceStore.StateIndex, [value.ToString()], pageSize, bookmark);
    }

    /// <summary>One page of the items awaiting the storage receiver's confirmation, in id order.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<EvidencePage> ListPendingConfirmations(Context context, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Awaiting confirmation is exactly the Submitted state, so its index is the state index.
        return Page(context, EvidenceStore.StateIndex, [nameof(EvidenceState.Submitted)], pageSize, bookmark);
    }

    /// <summary>One page of the items with an open transfer offer, by receiving organisation, then id.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="toMspId">Only offers to this organisation; empty for all.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<EvidencePage> ListPendingTransfers(Context context, [Param("Receiving MSP id, or empty for all")] string toMspId, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        string[] attributes = toMspId.Length == 0 ? [EvidenceStore.PendingTransfer] : [EvidenceStore.PendingTransfer, Input.Id(toMspId, nameof(toMspId))];
        return Page(context, EvidenceStore.PendingIndex, attributes, pageSize, bookmark);
    }

    /// <summary>One page of the items whose disposal is requested and awaits a decision, in id order.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static Task<EvidencePage> ListPendingDisposals(Context context, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Page(context, EvidenceStore.PendingIndex, [EvidenceStore.PendingDisposal], pageSize, bookmark);
    }

    /// <summary>One page of an item's direct derivatives, in id order (lineage downwards).</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The parent.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<EvidencePage> ListDerivatives(Context context, [Param("The parent item")] string evidenceId, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var size = Input.PageSize(pageSize, nameof(pageSize));
        var store = new EvidenceStore(context.Stub);
        await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        return await store.PageAsync(EvidenceStore.DerivativeIndex, [id], size, bookmark, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>An item and its ancestors: the item first, then its parent, up to the original (lineage upwards).</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <returns>The records, at most <see cref="EvidenceLimits.MaxGeneration"/> + 1.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<IReadOnlyList<EvidenceRecord>> GetLineage(Context context, [Param("The item")] string evidenceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(Input.Id(evidenceId, nameof(evidenceId)), context.CancellationToken).ConfigureAwait(false);
        var lineage = new List<EvidenceRecord> { item };
        while (item.Derivation is { } derivation && lineage.Count <= EvidenceLimits.MaxGeneration)
        {
            item = await store.GetAsync(derivation.ParentId, context.CancellationToken).ConfigureAwait(false);
            lineage.Add(item);
        }

        return lineage;
    }

    /// <summary>One page of an item's access records, oldest first.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<AccessRecordPage> ListAccessRecords(Context context, [Param("The item")] string evidenceId, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var size = Input.PageSize(pageSize, nameof(pageSize));
        var store = new EvidenceStore(context.Stub);
        await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        var (items, next) = await store.AppendedPageAsync<AccessRecord>(EvidenceStore.AccessType, id, size, bookmark, context.CancellationToken).ConfigureAwait(false);
        return new AccessRecordPage(items, next);
    }

    /// <summary>One page of an item's integrity attestations, oldest first.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="pageSize">1 to 100.</param>
    /// <param name="bookmark">Empty for the first page, else the previous page's bookmark.</param>
    /// <returns>The page.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<IntegrityCheckPage> ListIntegrityChecks(Context context, [Param("The item")] string evidenceId, [Param("1 to 100")] string pageSize, [Param("Empty for the first page")] string bookmark)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var size = Input.PageSize(pageSize, nameof(pageSize));
        var store = new EvidenceStore(context.Stub);
        await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        var (items, next) = await store.AppendedPageAsync<IntegrityCheck>(EvidenceStore.IntegrityType, id, size, bookmark, context.CancellationToken).ConfigureAwait(false);
        return new IntegrityCheckPage(items, next);
    }

    /// <summary>Compares a digest with the one recorded for an item, with the facts that qualify the answer.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <param name="digestAlgorithm">The algorithm of <paramref name="digest"/>, which must be the item's.</param>
    /// <param name="digest">The digest to compare.</param>
    /// <returns>The comparison.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<DigestVerification> VerifyDigest(Context context, [Param("The item")] string evidenceId, [Param("SHA-256 or SM3")] string digestAlgorithm, [Param("The digest to compare")] string digest)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var algorithm = Input.DigestAlgorithm(digestAlgorithm, nameof(digestAlgorithm));
        var hex = Input.Digest(digest, algorithm, nameof(digest));
        var item = await new EvidenceStore(context.Stub).GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        RequireAlgorithm(item, algorithm);
        return new DigestVerification(
            id,
            algorithm,
            hex,
            item.Digest,
            string.Equals(hex, item.Digest, StringComparison.Ordinal),
            item.State,
            item.Storage is { Matched: true },
            item.Invalidation is not null,
            item.Integrity?.FirstMismatch is not null);
    }

    /// <summary>
    /// The private details of an item, from this peer's copy of the collection (so only on peers of member
    /// organisations, and never after disposal). Role <c>investigator</c>, <c>prosecutor</c> or <c>judge</c>. Use it by
    /// evaluation only: the result of a submitted transaction would be written into the block.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <returns>The details.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<PrivateDetails> GetPrivateDetails(Context context, [Param("The item")] string evidenceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var stub = context.Stub;
        Caller.Of(context).RequireRole("GetPrivateDetails", EvidenceRoles.Investigator, EvidenceRoles.Prosecutor, EvidenceRoles.Judge);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var store = new EvidenceStore(stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        var origin = await stub.GetPrivateDataAsync(PrivateCollection, store.OriginKey(id), context.CancellationToken).ConfigureAwait(false)
            ?? throw Errors.NotFound(item.State == EvidenceState.Disposed
                ? $"The private details of {id} were purged when it was disposed of (transaction {item.Disposal?.Approved?.TxId})."
                : $"The private details of {id} are not on this peer: ask a peer of an organisation that is a member of {PrivateCollection}.");
        var details = item.CaseDetailsHash is null ? null : await stub.GetPrivateDataAsync(PrivateCollection, store.CaseDetailsKey(id), context.CancellationToken).ConfigureAwait(false);
        return new PrivateDetails(id, ChaincodeJson.Deserialize<EvidenceOrigin>(origin), details is null ? null : ChaincodeJson.Deserialize<CaseDetails>(details));
    }

    /// <summary>
    /// Compares the hashes of the private details on the channel with the hashes in the public record. Any
    /// organisation can ask: every peer keeps the hashes, members keep the values too.
    /// </summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="evidenceId">The item.</param>
    /// <returns>The comparison.</returns>
    [Transaction(TransactionIntent.Evaluate)]
    public static async Task<PrivateDetailsVerification> VerifyPrivateDetails(Context context, [Param("The item")] string evidenceId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Input.Id(evidenceId, nameof(evidenceId));
        var store = new EvidenceStore(context.Stub);
        var item = await store.GetAsync(id, context.CancellationToken).ConfigureAwait(false);
        var origin = await CompareAsync(store, store.OriginKey(id), item.OriginHash, context.CancellationToken).ConfigureAwait(false);
        var details = await CompareAsync(store, store.CaseDetailsKey(id), item.CaseDetailsHash, context.CancellationToken).ConfigureAwait(false);
        return new PrivateDetailsVerification(id, origin, details);
    }

    private static async Task<EvidencePage> Page(Context context, string index, string[] attributes, string pageSize, string bookmark)
    {
        var size = Input.PageSize(pageSize, nameof(pageSize));
        return await new EvidenceStore(context.Stub).PageAsync(index, attributes, size, bookmark, context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task<PrivateDataStatus> CompareAsync(EvidenceStore store, string key, string? recorded, CancellationToken cancellationToken)
    {
        if (recorded is null)
        {
            return PrivateDataStatus.NotRecorded;
        }

        var hash = await store.Stub.GetPrivateDataHashAsync(PrivateCollection, key, cancellationToken).ConfigureAwait(false);
        return hash is null ? PrivateDataStatus.Absent
            : string.Equals(Convert.ToHexStringLower(hash), recorded, StringComparison.Ordinal) ? PrivateDataStatus.Match
            : PrivateDataStatus.Mismatch;
    }
}
