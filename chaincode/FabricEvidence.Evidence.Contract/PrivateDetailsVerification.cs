using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>How the private values' hashes on the channel compare with the public record; any organisation can ask.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="Origin">The origin's status.</param>
/// <param name="CaseDetails">The case details' status.</param>
[DataType(Description = "Private data hashes compared with the public record")]
public sealed record PrivateDetailsVerification(string EvidenceId, PrivateDataStatus Origin, PrivateDataStatus CaseDetails);
