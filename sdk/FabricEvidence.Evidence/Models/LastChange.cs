namespace FabricEvidence.Evidence;

/// <summary>The change that produced a version of a record: its event type and who made it.</summary>
/// <param name="Type">The event type (see <see cref="EvidenceEventTypes"/>).</param>
/// <param name="By">The transaction.</param>
public sealed record LastChange(string Type, PartyAction By);
