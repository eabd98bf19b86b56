using System.Security.Cryptography;
using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract.Internal;

/// <summary>
/// The caller as the certificate that signed the proposal describes it: MSP id, <c>role</c> attribute and the SHA-256
/// fingerprint of the certificate. Every permission of the contract is decided from this, never from arguments.
/// </summary>
internal sealed class Caller
{
    private Caller(string mspId, string? role, string certificateFingerprint)
    {
        MspId = mspId;
        Role = role;
        CertificateFingerprint = certificateFingerprint;
    }

    public string MspId { get; }

    public string? Role { get; }

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
        return new Caller(identity.MspId, identity.GetAttributeValue(EvidenceRoles.Attribute), Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)));
    }

    /// <summary>Refuses the call unless the caller's certificate has one of <paramref name="roles"/>.</summary>
    public Caller RequireRole(string operation, params string[] roles)
    {
        if (Role is null || !roles.Contains(Role, StringComparer.Ordinal))
        {
            var needed = string.Join(" or ", roles.Select(r => $"'{r}'"));
            var actual = Role is null ? "has no 'role' attribute" : $"has the role {Input.Show(Role)}";
            throw Errors.Forbidden($"{operation} needs a certificate with the role {needed}; the caller's certificate {actual}.");
        }

        return this;
    }

    /// <summary>Refuses the call unless the caller belongs to <paramref name="mspId"/>.</summary>
    public void RequireOrganisation(string mspId, string who, string operation)
    {
        if (!string.Equals(MspId, mspId, StringComparison.Ordinal))
        {
            throw Errors.Forbidden($"Only {who} ({mspId}) can {operation}; the caller belongs to {MspId}.");
        }
    }

    /// <summary>This caller acting in the running transaction.</summary>
    public PartyAction Act(IChaincodeStub stub) => new(MspId, Role ?? string.Empty, CertificateFingerprint, stub.TxId, stub.TxTimestamp);
}
