namespace FabricEvidence.Identity.Client;

/// <summary>One page of a credential's verifications, oldest first.</summary>
/// <param name="Items">The verifications.</param>
/// <param name="Bookmark">Pass it back for the next page; empty after the last.</param>
public sealed record VerificationPage(IReadOnlyList<VerificationRecord> Items, string Bookmark);
