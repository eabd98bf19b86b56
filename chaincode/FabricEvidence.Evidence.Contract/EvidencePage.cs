using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>One page of evidence records, in id order within the query's key.</summary>
/// <param name="Items">The records.</param>
/// <param name="Bookmark">Pass it to the same query for the next page; empty after the last page.</param>
[DataType(Description = "One page of evidence records")]
public sealed record EvidencePage(IReadOnlyList<EvidenceRecord> Items, string Bookmark);
