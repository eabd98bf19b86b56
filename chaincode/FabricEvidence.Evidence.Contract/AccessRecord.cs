using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>A recorded read of an item's content: who and why.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="Purpose">Why the content was read.</param>
/// <param name="Accessed">Who, and the transaction that recorded it (storage services can require it before serving the object).</param>
[DataType(Description = "A recorded access to evidence content")]
public sealed record AccessRecord(string EvidenceId, string Purpose, PartyAction Accessed);
