using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>One page of integrity attestations, oldest first.</summary>
/// <param name="Items">The attestations.</param>
/// <param name="Bookmark">Pass it to the same query for the next page; empty after the last page.</param>
[DataType(Description = "One page of integrity attestations")]
public sealed record IntegrityCheckPage(IReadOnlyList<IntegrityCheck> Items, string Bookmark);
