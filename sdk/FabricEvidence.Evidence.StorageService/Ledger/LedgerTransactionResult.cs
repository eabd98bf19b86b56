namespace FabricEvidence.Evidence.StorageService;

/// <summary>A committed transaction of the service and the item's state after it.</summary>
/// <param name="TransactionId">The transaction id.</param>
/// <param name="State">The item's state after the transaction.</param>
/// <param name="Matched">For a confirmation or an integrity check: whether the digest (and size) matched the submitted ones.</param>
public sealed record LedgerTransactionResult(string TransactionId, LedgerItemState State, bool Matched);
