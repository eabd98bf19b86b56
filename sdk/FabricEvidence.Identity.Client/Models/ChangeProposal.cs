namespace FabricEvidence.Identity.Client;

/// <summary>A proposed registry change and its approvals.</summary>
/// <param name="Id">The proposal id.</param>
/// <param name="Kind">What it changes.</param>
/// <param name="ConfigVersion">The registry version it was made under.</param>
/// <param name="ExpiresAt">After this, it can no longer be approved.</param>
/// <param name="State">Open, applied or withdrawn.</param>
/// <param name="Proposed">The administrator who proposed it.</param>
/// <param name="Approvals">Every approval, the proposer's first.</param>
public sealed record ChangeProposal(string Id, ChangeKind Kind, int ConfigVersion, DateTimeOffset ExpiresAt, ProposalState State, PartyAction Proposed, IReadOnlyList<PartyAction> Approvals)
{
    /// <summary>The issuer to add or update.</summary>
    public IssuerSpec? Issuer { get; init; }

    /// <summary>The issuer to remove.</summary>
    public string? IssuerId { get; init; }

    /// <summary>The new organisations.</summary>
    public IReadOnlyList<string>? Organisations { get; init; }

    /// <summary>The transaction that applied or withdrew it.</summary>
    public PartyAction? Closed { get; init; }
}
