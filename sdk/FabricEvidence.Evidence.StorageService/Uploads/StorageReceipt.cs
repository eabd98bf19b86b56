namespace FabricEvidence.Evidence.StorageService;

/// <summary>The answer to the upload request that completes an object: what was stored and the ledger transaction that confirmed it.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="DigestAlgorithm">The algorithm (<c>SHA-256</c> or <c>SM3</c>).</param>
/// <param name="Digest">The digest the service computed while writing, lowercase hex.</param>
/// <param name="Size">The bytes stored.</param>
/// <param name="ObjectLocation">Where the object is.</param>
/// <param name="ObjectVersion">The object's version.</param>
/// <param name="TransactionId">The service's <c>ConfirmStorage</c> transaction.</param>
/// <param name="State">The item's state after it (<c>Stored</c>).</param>
public sealed record StorageReceipt(string EvidenceId, string DigestAlgorithm, string Digest, long Size, string ObjectLocation, string ObjectVersion, string TransactionId, string State);
