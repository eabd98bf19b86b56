using System.Security.Cryptography;
using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract.Internal;

/// <summary>
/// The caller as the certificate that signed the proposal describes it: MSP id, <c>role</c> attribute, whether it is
/// its organisation's administrator (OU <c>admin</c>), and the SHA-256 fingerprint of the certificate. Every permission
/// of the contract is decided from this, never from arguments.
/// </summary>
internal sealed class Caller
{
    private Caller(string mspId, string? role, bool isAdmin, byte[] certificate)
    {
        MspId = mspId;
        Role = role;
        IsAdmin = isAdmin;
        Certificate = certificate;
        CertificateFingerprint = Convert.ToHexStringLower(SHA256.HashData(certificate));
    }

    public string MspId { get; }

    public string? Role { get; }

    public bool IsAdmin { get; }

    public byte[] Certificate { get; }

    public string CertificateFingerprint { get; }

    public static Caller Of(Context context)
    {
        ClientIdentity identity;
        try
        {
            identity = context.ClientIdentity;
        }
        catch (FormatException ex)
        {
            throw Errors.Forbidden($"The caller's identity cannot be used: {ex.Message}");
        }

        using var certificate = identity.GetX509Certificate();
        return new Caller(identity.MspId, identity.GetAttributeValue(IdentityRoles.Attribute), identity.HasOUValue(IdentityRoles.AdminOrganizationalUnit), certificate.RawData);
    }

    /// <summary>Refuses the call unless the caller's certificate has the role <paramref name="role"/>.</summary>
    public Caller RequireRole(string operation, string role)
    {
        if (!string.Equals(Role, role, StringComparison.Ordinal))
        {
            var actual = Role is null ? "has no 'role' attribute" : $"has the role {Input.Show(Role)}";
            throw Errors.Forbidden($"{operation} needs a certificate with the role '{role}'; the caller's certificate {actual}.");
        }

        return this;
    }

    /// <summary>Refuses the call unless the caller is an administrator (OU admin) of one of the registry's organisations.</summary>
    public Caller RequireAdminOf(RegistryConfig config, string operation)
    {
        if (!IsAdmin)
        {
            throw Errors.Forbidden($"{operation} needs an organisation administrator's certificate (OU '{IdentityRoles.AdminOrganizationalUnit}'); the caller's certificate is not one.");
        }

        RequireMember(config, operation);
        return this;
    }

    /// <summary>Refuses the call unless the caller's organisation is one of the registry's organisations.</summary>
    public Caller RequireMember(RegistryConfig config, string operation)
    {
        if (!config.Organisations.Contains(MspId, StringComparer.Ordinal))
        {
            throw Errors.Forbidden($"{operation}: the caller's organisation {MspId} is not one of the registry's organisations ({string.Join(", ", config.Organisations)}).");
        }

        return this;
    }

    /// <summary>This caller acting in the running transaction.</summary>
    public PartyAction Act(IChaincodeStub stub) => new(MspId, Role ?? (IsAdmin ? IdentityRoles.AdminOrganizationalUnit : string.Empty), CertificateFingerprint, stub.TxId, stub.TxTimestamp);
}
