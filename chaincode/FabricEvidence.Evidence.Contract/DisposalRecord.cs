using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>A disposal: requested by the holder, then approved by a judge or prosecutor (the decision stays on the ledger).</summary>
/// <param name="RequestReason">Why the holder asked for disposal.</param>
/// <param name="Requested">The holder's custodian who asked, and the transaction.</param>
/// <param name="DecisionReason">Why the judge or prosecutor approved; <see langword="null"/> while pending.</param>
/// <param name="Approved">The judge or prosecutor who approved, and the decision's transaction; <see langword="null"/> while pending.</param>
[DataType(Description = "A disposal request and its approval")]
public sealed record DisposalRecord(string RequestReason, PartyAction Requested, string? DecisionReason = null, PartyAction? Approved = null);
