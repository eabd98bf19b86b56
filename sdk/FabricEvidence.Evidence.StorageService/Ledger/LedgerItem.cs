using FabricEvidence.Evidence.Storage;

namespace FabricEvidence.Evidence.StorageService;

/// <summary>What the service needs to know of an evidence item on the ledger.</summary>
/// <param name="EvidenceId">The item's id (also the object's key in the store).</param>
/// <param name="State">The item's state.</param>
/// <param name="Digest">The digest the submitter declared, with its algorithm: the upload must have it.</param>
/// <param name="Size">The size in bytes the submitter declared.</param>
/// <param name="Submitter">Who submitted it: the only party that may upload its content.</param>
/// <param name="Storage">The storage confirmation, once there is one.</param>
public sealed record LedgerItem(string EvidenceId, LedgerItemState State, ContentDigest Digest, long Size, LedgerParty Submitter, LedgerStorageRecord? Storage);
