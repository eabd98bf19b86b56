using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>One page of access records, oldest first.</summary>
/// <param name="Items">The records.</param>
/// <param name="Bookmark">Pass it to the same query for the next page; empty after the last page.</param>
[DataType(Description = "One page of access records")]
public sealed record AccessRecordPage(IReadOnlyList<AccessRecord> Items, string Bookmark);
