namespace FabricEvidence.Identity.Contract;

/// <summary>The life of a change proposal.</summary>
public enum ProposalState
{
    /// <summary>Collecting approvals.</summary>
    Open,

    /// <summary>A majority approved it and the change is in force.</summary>
    Applied,

    /// <summary>The proposing organisation withdrew it.</summary>
    Withdrawn,
}
