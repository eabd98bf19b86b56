using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract;

/// <summary>A proposed registry change and its approvals.</summary>
/// <param name="Id">The proposal id.</param>
/// <param name="Kind">What it changes.</param>
/// <param name="ConfigVersion">The registry version it was made under; it lapses when the organisations change.</param>
/// <param name="ExpiresAt">After this, it can no longer be approved.</param>
/// <param name="State">Open, applied or withdrawn.</param>
/// <param name="Proposed">The administrator who proposed it (its organisation's approval).</param>
/// <param name="Approvals">Every approval, the proposer's first: one per organisation.</param>
[DataType(Description = "A registry change proposal and its approvals")]
public sealed record ChangeProposal(string Id, ChangeKind Kind, int ConfigVersion, FabricTimestamp ExpiresAt, ProposalState State, PartyAction Proposed, IReadOnlyList<PartyAction> Approvals)
{
    /// <summary>The issuer to add or update (<see cref="ChangeKind.AddIssuer"/>, <see cref="ChangeKind.UpdateIssuer"/>).</summary>
    public IssuerSpec? Issuer { get; init; }

    /// <summary>The issuer to remove (<see cref="ChangeKind.RemoveIssuer"/>).</summary>
    public string? IssuerId { get; init; }

    /// <summary>The new organisations (<see cref="ChangeKind.SetOrganisations"/>), sorted.</summary>
    public IReadOnlyList<string>? Organisations { get; init; }

    /// <summary>The transaction that applied or withdrew it.</summary>
    public PartyAction? Closed { get; init; }
}
