using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FabricEvidence.Gateway;

namespace FabricEvidence.Verification.Portal.Identity;

/// <summary>
/// Checks at start-up that the identity page's gateway signs as a verifier (Fabric CA attribute <c>role=verifier</c>):
/// the contract would refuse every record otherwise, and the verifier at the page would read that as a refusal of the
/// holder's presentation.
/// </summary>
internal static class VerifierIdentity
{
    private const string FabricCaAttributesOid = "1.2.3.4.5.6.7.8.1";

    public static void Require(IIdentity identity)
    {
        string? role;
        try
        {
            var credentials = identity.Credentials.Span;
            using var certificate = credentials.StartsWith("-----BEGIN"u8)
                ? X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(credentials))
                : X509CertificateLoader.LoadCertificate(credentials);
            role = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == FabricCaAttributesOid) is { } attributes
                ? RoleIn(attributes.RawData)
                : null;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"IdentityGateway: the certificate of {identity.MspId} could not be read ({e.Message.TrimEnd('.')}).", e);
        }

        if (role != "verifier")
        {
            throw new InvalidOperationException(
                $"IdentityGateway must sign as a verifier of its organisation: its certificate ({identity.MspId}) has the Fabric CA role '{role ?? "none"}', not 'verifier'. Use a verifier's MSP folder or certificate.");
        }
    }

    private static string? RoleIn(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("attrs", out var attrs)
                && attrs.ValueKind == JsonValueKind.Object && attrs.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String
                ? role.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
