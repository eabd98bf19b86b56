using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>Why and by whom an item was declared invalid as evidence (for example unlawfully obtained); the record and its history stay.</summary>
/// <param name="Reason">The reason.</param>
/// <param name="Invalidated">The prosecutor or judge, and the transaction.</param>
[DataType(Description = "An invalidation")]
public sealed record Invalidation(string Reason, PartyAction Invalidated);
