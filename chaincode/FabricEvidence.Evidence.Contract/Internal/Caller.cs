using System.Security.Cryptography;
using System.Text;
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

        return new Caller(identity.MspId, identity.GetAttributeValue(EvidenceRoles.Attribute), Fingerprint(identity));
    }

    /// <summary>
    /// SHA-256 of the certificate's DER, taken from the PEM the identity already holds: the runtime has parsed the
    /// certificate once for this transaction, and loading it again only to read its bytes cost an X.509 decode per call.
    /// </summary>
    private static string Fingerprint(ClientIdentity identity)
    {
        var pem = Encoding.Latin1.GetString(identity.IdBytes.Span);
        if (!PemEncoding.TryFind(pem, out var fields) || !pem.AsSpan(fields.Label).SequenceEqual("CERTIFICATE"))
        {
            throw Errors.Forbidden("The caller's identity cannot be used: it holds no PEM certificate.");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan(fields.Base64Data), der, out var written))
        {
            throw Errors.Forbidden("The caller's identity cannot be used: its PEM certificate is not valid base64.");
        }

        return Convert.ToHexStringLower(SHA256.HashData(der.AsSpan(0, written)));
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
