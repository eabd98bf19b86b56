using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>One integrity attestation: the storage receiver re-hashed the stored object.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="DigestAlgorithm">The algorithm, the item's own.</param>
/// <param name="ComputedDigest">The digest computed now.</param>
/// <param name="ObjectVersion">The object version that was hashed.</param>
/// <param name="Result">Whether it equals the recorded digest.</param>
/// <param name="Checked">The storage receiver and the transaction.</param>
[DataType(Description = "An integrity attestation")]
public sealed record IntegrityCheck(string EvidenceId, string DigestAlgorithm, string ComputedDigest, string ObjectVersion, IntegrityResult Result, PartyAction Checked);
