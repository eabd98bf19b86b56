using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>
/// Throw-away Fabric-like PKI made at test time: two organisations' CAs (and one nobody trusts), enrollment
/// certificates with ECDSA P-256 keys and the Fabric CA attribute extension carrying a role, and a TLS CA with a
/// server certificate for 127.0.0.1. CA certificates are written as PEM files for the service's configuration.
/// </summary>
public sealed class FabricTestPki : IDisposable
{
    public const string Org1 = "Org1MSP";
    public const string Org2 = "Org2MSP";

    private readonly List<X509Certificate2> _owned = [];

    public FabricTestPki()
    {
        Directory = Path.Combine(Path.GetTempPath(), "fe-pki-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Now = DateTimeOffset.UtcNow;
        Org1Ca = CreateCa("CN=ca.org1.example.com, O=org1.example.com");
        Org2Ca = CreateCa("CN=ca.org2.example.com, O=org2.example.com");
        UnknownCa = CreateCa("CN=ca.elsewhere.example, O=Somebody Else");
        TlsCa = CreateCa("CN=tlsca.storage.example, O=storage.example");
        Org1CaPem = WritePem(Org1Ca, "org1-ca.pem");
        Org2CaPem = WritePem(Org2Ca, "org2-ca.pem");
        Server = IssueServer(TlsCa);
    }

    public string Directory { get; }

    public DateTimeOffset Now { get; }

    public X509Certificate2 Org1Ca { get; }

    public X509Certificate2 Org2Ca { get; }

    public X509Certificate2 UnknownCa { get; }

    public X509Certificate2 TlsCa { get; }

    public X509Certificate2 Server { get; }

    public string Org1CaPem { get; }

    public string Org2CaPem { get; }

    /// <summary>An enrollment certificate with its private key, issued by <paramref name="ca"/>.</summary>
    public TestIdentity Issue(X509Certificate2 ca, string mspId, string name, string? role = "investigator", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, OU=client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (role is not null)
        {
            // Fabric CA writes the attributes as plain JSON bytes in this private extension.
            request.CertificateExtensions.Add(new X509Extension("1.2.3.4.5.6.7.8.1", Encoding.UTF8.GetBytes($"{{\"attrs\":{{\"role\":\"{role}\"}}}}"), false));
        }

        using var issued = request.Create(ca, notBefore ?? Now.AddHours(-1), notAfter ?? Now.AddDays(1), Serial());
        using var withKey = issued.CopyWithPrivateKey(key);
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        _owned.Add(certificate);
        return new TestIdentity(mspId, certificate, key);
    }

    public TestIdentity Investigator1() => Issue(Org1Ca, Org1, "investigator1");

    private X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(Now.AddDays(-30), Now.AddYears(1));
        var loaded = X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pkcs12), null);
        _owned.Add(loaded);
        return loaded;
    }

    private X509Certificate2 IssueServer(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=storage.example", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var issued = request.Create(ca, Now.AddHours(-1), Now.AddDays(1), Serial());
        using var withKey = issued.CopyWithPrivateKey(key);
        var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        _owned.Add(certificate);
        return certificate;
    }

    private string WritePem(X509Certificate2 certificate, string name)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }

    public void Dispose()
    {
        foreach (var certificate in _owned)
        {
            certificate.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>An enrollment certificate with its key, and the party the ledger would record for it.</summary>
public sealed record TestIdentity(string MspId, X509Certificate2 Certificate, ECDsa Key)
{
    public LedgerParty Party => new(MspId, Convert.ToHexStringLower(SHA256.HashData(Certificate.RawData)));
}
