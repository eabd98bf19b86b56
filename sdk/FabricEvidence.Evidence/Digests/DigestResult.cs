namespace FabricEvidence.Evidence;

/// <summary>The digest of a stream of content and how many bytes it covered.</summary>
/// <param name="Digest">The digest of the content.</param>
/// <param name="Length">The number of bytes read and hashed.</param>
public sealed record DigestResult(EvidenceDigest Digest, long Length);
