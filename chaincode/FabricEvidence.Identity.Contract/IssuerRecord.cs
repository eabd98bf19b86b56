namespace FabricEvidence.Identity.Contract;

/// <summary>A registered issuer.</summary>
/// <param name="Spec">Its registration.</param>
/// <param name="Active">False once removed: it can then only revoke credentials it issued.</param>
/// <param name="ProposalId">The proposal that last changed it.</param>
/// <param name="Changed">The transaction that applied that proposal.</param>
[DataType(Description = "A registered issuer")]
public sealed record IssuerRecord(IssuerSpec Spec, bool Active, string ProposalId, PartyAction Changed);
