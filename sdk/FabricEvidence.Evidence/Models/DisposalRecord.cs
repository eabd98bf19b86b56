namespace FabricEvidence.Evidence;

/// <summary>A disposal request and, once decided, its approval.</summary>
/// <param name="RequestReason">The holder's reason.</param>
/// <param name="Requested">The holder's request transaction.</param>
/// <param name="DecisionReason">The approver's reason, once approved.</param>
/// <param name="Approved">The judge's or prosecutor's approval transaction.</param>
public sealed record DisposalRecord(string RequestReason, PartyAction Requested, string? DecisionReason = null, PartyAction? Approved = null);
