namespace FabricEvidence.Identity.Contract;

/// <summary>One page of a credential's verifications, oldest first.</summary>
/// <param name="Items">The verifications.</param>
/// <param name="Bookmark">Pass it back for the next page; empty after the last.</param>
[DataType(Description = "One page of verifications")]
public sealed record VerificationPage(IReadOnlyList<VerificationRecord> Items, string Bookmark);
