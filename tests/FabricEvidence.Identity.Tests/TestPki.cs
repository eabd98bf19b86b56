using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Identity.Tests;

/// <summary>
/// Throw-away certificates shaped like a Fabric network's: an organisation root CA, an intermediate CA, enrollment
/// certificates with P-256 keys written as PKCS#8 PEM (what cryptogen writes to keystore/priv_sk), and the misfits the
/// refusal tests need (another organisation's CA, an expired enrollment, a CA certificate used as a signer).
/// </summary>
public sealed class TestPki : IDisposable
{
    public TestPki()
    {
        Now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Root = CreateCa("CN=ca.org1.example.com, O=org1.example.com", rootKey, issuer: null, issuerKey: null);
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Intermediate = CreateCa("CN=ica.org1.example.com, O=org1.example.com", intermediateKey, Root, rootKey);
        using var otherRootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        OtherRoot = CreateCa("CN=ca.rogue.example.com, O=rogue.example.com", otherRootKey, issuer: null, issuerKey: null);

        (IssuerCertificatePem, IssuerKeyPem) = Enroll("CN=registry@org1.example.com, OU=client, O=org1.example.com", Root, rootKey, Now.AddDays(-1), Now.AddDays(365));
        (IntermediateIssuerPem, IntermediateIssuerKeyPem) = Enroll("CN=bank@org1.example.com, OU=client, O=org1.example.com", Intermediate, intermediateKey, Now.AddDays(-1), Now.AddDays(365));
        IntermediateIssuerPem += Intermediate.ExportCertificatePem();
        (RogueCertificatePem, RogueKeyPem) = Enroll("CN=registry@org1.example.com, OU=client, O=org1.example.com", OtherRoot, otherRootKey, Now.AddDays(-1), Now.AddDays(365));
        (ExpiredCertificatePem, ExpiredKeyPem) = Enroll("CN=old@org1.example.com, OU=client, O=org1.example.com", Root, rootKey, Now.AddDays(-30), Now.AddDays(-1));

        using var caSignerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var caSigner = CreateCa("CN=sub-ca.org1.example.com, O=org1.example.com", caSignerKey, Root, rootKey);
        CaSignerCertificatePem = caSigner.ExportCertificatePem();
        CaSignerKeyPem = caSignerKey.ExportPkcs8PrivateKeyPem();
    }

    /// <summary>The moment the certificates were made, whole seconds; tests start their clocks here.</summary>
    public DateTimeOffset Now { get; }

    public X509Certificate2 Root { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2 OtherRoot { get; }

    public string IssuerCertificatePem { get; }

    public string IssuerKeyPem { get; }

    /// <summary>An enrollment certificate under the intermediate CA, followed by the intermediate's certificate.</summary>
    public string IntermediateIssuerPem { get; }

    public string IntermediateIssuerKeyPem { get; }

    public string RogueCertificatePem { get; }

    public string RogueKeyPem { get; }

    public string ExpiredCertificatePem { get; }

    public string ExpiredKeyPem { get; }

    public string CaSignerCertificatePem { get; }

    public string CaSignerKeyPem { get; }

    public X509Certificate2Collection Anchors => [Root];

    public IssuerKey Issuer() => IssuerKey.FromPem(IssuerCertificatePem, IssuerKeyPem);

    private static X509Certificate2 CreateCa(string subject, ECDsa key, X509Certificate2? issuer, ECDsa? issuerKey)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
        {
            return request.CreateSelfSigned(now.AddDays(-10), now.AddYears(10));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var signed = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey!), now.AddDays(-5), now.AddYears(5), Serial());
        return X509CertificateLoader.LoadCertificate(signed.RawData);
    }

    private static (string CertificatePem, string KeyPem) Enroll(string subject, X509Certificate2 issuer, ECDsa issuerKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var certificate = request.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, Serial());
        return (certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem());
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }

    public void Dispose()
    {
        Root.Dispose();
        Intermediate.Dispose();
        OtherRoot.Dispose();
    }
}
