namespace FabricEvidence.Cli.Internal;

/// <summary>The storage service's answer to the upload that completes an object (its <c>StorageReceipt</c> JSON).</summary>
internal sealed record StorageUploadReceipt(
    string EvidenceId,
    string DigestAlgorithm,
    string Digest,
    long Size,
    string ObjectLocation,
    string ObjectVersion,
    string TransactionId,
    string State);
