namespace FabricEvidence.Evidence.StorageService;

/// <summary>A committed record of a read of an item's content.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="TransactionId">The <c>RecordAccess</c> transaction.</param>
/// <param name="Accessor">Who recorded it: the only party it admits.</param>
/// <param name="Purpose">Why.</param>
/// <param name="RecordedAt">The transaction's timestamp.</param>
public sealed record LedgerAccessRecord(string EvidenceId, string TransactionId, LedgerParty Accessor, string Purpose, DateTimeOffset RecordedAt);
