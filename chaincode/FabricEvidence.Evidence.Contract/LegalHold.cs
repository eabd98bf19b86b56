using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>A legal hold in force: while an item has one, it can be neither transferred nor disposed of.</summary>
/// <param name="HoldId">The hold's id, chosen by whoever placed it (a court order reference, for example), unique per item.</param>
/// <param name="Reason">Why the hold was placed.</param>
/// <param name="Placed">The prosecutor or judge who placed it, and the transaction.</param>
[DataType(Description = "A legal hold in force")]
public sealed record LegalHold(string HoldId, string Reason, PartyAction Placed);
