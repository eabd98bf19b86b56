namespace FabricEvidence.Evidence;

/// <summary>The private details of an item, read from a member peer of the private collection.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="Origin">Its origin.</param>
/// <param name="CaseDetails">Its sensitive case details, when given.</param>
public sealed record PrivateDetails(string EvidenceId, EvidenceOrigin Origin, string? CaseDetails = null);
