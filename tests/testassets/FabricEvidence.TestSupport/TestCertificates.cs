using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.TestSupport;

/// <summary>
/// Throw-away TLS material made at test time: a CA, a server certificate for localhost/127.0.0.1, a client
/// certificate, and a second, unrelated CA with a client certificate of its own (the "unknown" client). The PEM files
/// (for Node peers and for servers configured by file) are written to a temporary directory deleted on dispose.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory)
    {
        Directory = directory;
    }

    /// <summary>The common name of <see cref="Client"/>.</summary>
    public const string ClientCommonName = "conformance-client";

    public string Directory { get; }

    /// <summary>The CA that issued the server and client certificates (public part only).</summary>
    public X509Certificate2 Ca { get; private set; } = null!;

    /// <summary>A CA nobody here trusts, and a client certificate it issued.</summary>
    public X509Certificate2 UnknownCa { get; private set; } = null!;

    public X509Certificate2 Server { get; private set; } = null!;

    public X509Certificate2 Client { get; private set; } = null!;

    public X509Certificate2 UnknownClient { get; private set; } = null!;

    public string CaPem => Path.Combine(Directory, "ca.pem");

    public string UnknownCaPem => Path.Combine(Directory, "unknown-ca.pem");

    public string ServerPem => Path.Combine(Directory, "server.pem");

    public string ServerKeyPem => Path.Combine(Directory, "server-key.pem");

    public string ClientPem => Path.Combine(Directory, "client.pem");

    public string ClientKeyPem => Path.Combine(Directory, "client-key.pem");

    public string UnknownClientPem => Path.Combine(Directory, "unknown-client.pem");

    public string UnknownClientKeyPem => Path.Combine(Directory, "unknown-client-key.pem");

    public X509Certificate2Collection Roots => new() { Ca };

    /// <summary>Creates fresh material; the server certificate is issued to <paramref name="serverName"/>, localhost and 127.0.0.1.</summary>
    public static TestCertificates Create(string serverName = "localhost")
    {
        var dir = Path.Combine(Path.GetTempPath(), "fe-transport-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(dir);
        var result = new TestCertificates(dir);

        // One clock reading for every certificate, so a leaf never outlives its issuer by the time the code took to run.
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = CreateCa("CN=FabricEvidence Conformance CA, O=FabricEvidence Tests", caKey, now);
        using var unknownCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var unknownCa = CreateCa("CN=Unknown CA, O=Somebody Else", unknownCaKey, now);

        result.Ca = X509CertificateLoader.LoadCertificate(ca.RawData);
        result.UnknownCa = X509CertificateLoader.LoadCertificate(unknownCa.RawData);
        result.Server = Issue(ca, $"CN={serverName}", serverAuth: true, now, result.ServerPem, result.ServerKeyPem, serverName);
        result.Client = Issue(ca, $"CN={ClientCommonName}, O=FabricEvidence Tests", serverAuth: false, now, result.ClientPem, result.ClientKeyPem);
        result.UnknownClient = Issue(unknownCa, "CN=intruder", serverAuth: false, now, result.UnknownClientPem, result.UnknownClientKeyPem);
        File.WriteAllText(result.CaPem, ca.ExportCertificatePem());
        File.WriteAllText(result.UnknownCaPem, unknownCa.ExportCertificatePem());
        return result;
    }

    private static X509Certificate2 CreateCa(string subject, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddHours(-2), now.AddDays(2));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string subject, bool serverAuth, DateTimeOffset now, string certPath, string keyPath, string? serverName = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2") }, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (serverAuth)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            if (serverName is not null && serverName != "localhost")
            {
                san.AddDnsName(serverName);
            }

            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var publicOnly = request.Create(issuer, now.AddHours(-1), now.AddDays(1), serial);
        using var withKey = publicOnly.CopyWithPrivateKey(key);
        File.WriteAllText(certPath, withKey.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());

        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform (ephemeral keys are not on Windows).
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        Ca.Dispose();
        UnknownCa.Dispose();
        Server.Dispose();
        Client.Dispose();
        UnknownClient.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
