namespace FabricEvidence.Evidence;

/// <summary>A legal hold in force: the item can be neither transferred nor disposed of.</summary>
/// <param name="HoldId">The hold's id (for example the order's reference).</param>
/// <param name="Reason">Why.</param>
/// <param name="Placed">The prosecutor's or judge's transaction.</param>
public sealed record LegalHold(string HoldId, string Reason, PartyAction Placed);
