namespace FabricEvidence.Evidence;

/// <summary>An invalidation (for example evidence found to be unlawfully obtained); the record and its history remain.</summary>
/// <param name="Reason">Why.</param>
/// <param name="Invalidated">The prosecutor's or judge's transaction.</param>
public sealed record Invalidation(string Reason, PartyAction Invalidated);
