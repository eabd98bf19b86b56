namespace FabricEvidence.Evidence;

/// <summary>A recorded access to evidence content: the submitted transaction is the receipt a storage service checks.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="Purpose">Why the content is read.</param>
/// <param name="Accessed">Who, and the transaction.</param>
public sealed record AccessRecord(string EvidenceId, string Purpose, PartyAction Accessed);
