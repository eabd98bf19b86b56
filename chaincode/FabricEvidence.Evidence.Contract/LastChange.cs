using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>The change that produced a version of an <see cref="EvidenceRecord"/>; each version in the history names its own.</summary>
/// <param name="Type">The event type of the change, one of <see cref="EvidenceEventTypes"/>.</param>
/// <param name="By">Who made it, in which transaction.</param>
[DataType(Description = "The change that produced this version of the record")]
public sealed record LastChange(string Type, PartyAction By);
