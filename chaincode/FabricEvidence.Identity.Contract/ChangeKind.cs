namespace FabricEvidence.Identity.Contract;

/// <summary>What a registry change proposal does.</summary>
public enum ChangeKind
{
    /// <summary>Registers a new issuer (payload: <see cref="IssuerSpec"/>).</summary>
    AddIssuer,

    /// <summary>Replaces an issuer's organisation, certificate, types, period or status base URI (payload: <see cref="IssuerSpec"/>).</summary>
    UpdateIssuer,

    /// <summary>Removes an issuer (payload: <see cref="IssuerReference"/>); it can then only revoke.</summary>
    RemoveIssuer,

    /// <summary>Replaces the set of organisations (payload: <see cref="OrganisationSet"/>).</summary>
    SetOrganisations,
}
