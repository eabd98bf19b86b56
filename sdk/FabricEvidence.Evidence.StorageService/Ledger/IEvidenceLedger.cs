namespace FabricEvidence.Evidence.StorageService;

/// <summary>
/// What the storage service needs from the evidence contract on the ledger. The production implementation submits
/// and evaluates through the typed evidence client with the service's own Fabric identity (role <c>storage</c>);
/// the unit tests stand an in-memory ledger in for it. Implementations are thread-safe and
/// throw <see cref="EvidenceLedgerException"/> with the contract's error code when the ledger refuses.
/// </summary>
public interface IEvidenceLedger
{
    /// <summary>Reads an item (<c>GetEvidence</c>, an evaluation); null when the ledger has no such item.</summary>
    /// <param name="evidenceId">The item's id.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="EvidenceLedgerException">The ledger could not be asked or refused.</exception>
    Task<LedgerItem?> GetItemAsync(string evidenceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Confirms storage of a submitted item with the service's own identity (<c>ConfirmStorage</c>, submitted and
    /// committed): the digest and size the service computed, the object's location and version.
    /// </summary>
    /// <param name="confirmation">What the service stored.</param>
    /// <param name="cancellationToken">Stops waiting (the transaction may still commit).</param>
    /// <returns>The committed transaction and the item's state after it (<see cref="LedgerItemState.Stored"/> when digest and size matched).</returns>
    /// <exception cref="EvidenceLedgerException">The ledger refused (for example <c>conflict</c>: already confirmed) or could not be reached.</exception>
    Task<LedgerTransactionResult> ConfirmStorageAsync(StorageConfirmation confirmation, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds a committed access record of an item by the transaction that recorded it (<c>ListAccessRecords</c>);
    /// null when there is none. The service then checks that it is the caller's and recent.
    /// </summary>
    /// <param name="evidenceId">The item's id.</param>
    /// <param name="transactionId">The <c>RecordAccess</c> transaction the caller presents.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="EvidenceLedgerException">The ledger could not be asked or refused.</exception>
    Task<LedgerAccessRecord?> FindAccessRecordAsync(string evidenceId, string transactionId, CancellationToken cancellationToken = default);

    /// <summary>Records the result of hashing a stored object again (<c>RecordIntegrityCheck</c>, submitted and committed).</summary>
    /// <param name="attestation">The digest computed now and the object version read.</param>
    /// <param name="cancellationToken">Stops waiting (the transaction may still commit).</param>
    /// <returns>The committed transaction; its state is the item's state after it.</returns>
    /// <exception cref="EvidenceLedgerException">The ledger refused or could not be reached.</exception>
    Task<LedgerTransactionResult> RecordIntegrityCheckAsync(IntegrityAttestation attestation, CancellationToken cancellationToken = default);
}
