namespace FabricEvidence.Identity.Client;

/// <summary>What a registry change proposal does.</summary>
public enum ChangeKind
{
    /// <summary>Registers a new issuer.</summary>
    AddIssuer,

    /// <summary>Replaces an issuer's registration.</summary>
    UpdateIssuer,

    /// <summary>Removes an issuer.</summary>
    RemoveIssuer,

    /// <summary>Replaces the set of organisations.</summary>
    SetOrganisations,
}
