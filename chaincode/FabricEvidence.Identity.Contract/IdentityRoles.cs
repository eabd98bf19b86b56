namespace FabricEvidence.Identity.Contract;

/// <summary>
/// How the contract recognises callers, always from their enrollment certificate: the Fabric CA attribute
/// <see cref="Attribute"/> for issuers, verifiers and holders, and the organisational unit
/// <see cref="AdminOrganizationalUnit"/> (Fabric's NodeOU for administrators) for organisation administrators.
/// </summary>
public static class IdentityRoles
{
    /// <summary>The certificate attribute holding the role: <c>role</c> (issue it with <c>--id.attrs 'role=…:ecert'</c>).</summary>
    public const string Attribute = "role";

    /// <summary>
    /// The OU of an organisation administrator's certificate: <c>admin</c>, what cryptogen and Fabric CA (<c>--id.type
    /// admin</c> with NodeOUs) put in admins' certificates. Administrators initialise the registry, propose and approve
    /// registry changes, and register credential types.
    /// </summary>
    public const string AdminOrganizationalUnit = "admin";

    /// <summary>A registered issuer's service identity: reserves status entries, records issuances, changes status.</summary>
    public const string Issuer = "issuer";

    /// <summary>A verifier of a registry organisation: records verifications.</summary>
    public const string Verifier = "verifier";

    /// <summary>The identity a holder's wallet submits with: records and revokes consents, lists verifications (each with the holder key's signature).</summary>
    public const string Holder = "holder";
}
