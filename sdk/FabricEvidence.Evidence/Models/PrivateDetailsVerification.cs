namespace FabricEvidence.Evidence;

/// <summary>The private details' hashes on the channel compared with the public record (works for non-members too).</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="Origin">The origin's status.</param>
/// <param name="CaseDetails">The case details' status.</param>
public sealed record PrivateDetailsVerification(string EvidenceId, PrivateDataStatus Origin, PrivateDataStatus CaseDetails);
