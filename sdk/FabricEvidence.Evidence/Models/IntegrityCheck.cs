namespace FabricEvidence.Evidence;

/// <summary>An integrity attestation: the storage receiver re-hashed the object.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="DigestAlgorithm">The algorithm (the item's).</param>
/// <param name="ComputedDigest">The digest computed now.</param>
/// <param name="ObjectVersion">The object version hashed.</param>
/// <param name="Result">Match or mismatch.</param>
/// <param name="Checked">The receiver's transaction.</param>
public sealed record IntegrityCheck(string EvidenceId, string DigestAlgorithm, string ComputedDigest, string ObjectVersion, IntegrityResult Result, PartyAction Checked);
