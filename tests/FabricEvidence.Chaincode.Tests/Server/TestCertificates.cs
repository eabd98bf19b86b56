using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Chaincode.Tests.Server;

/// <summary>A throw-away CA with a server and a client certificate, written as PEM files to a temporary folder.</summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(string folder, X509Certificate2 ca)
    {
        Folder = folder;
        Ca = ca;
    }

    public string Folder { get; }

    public X509Certificate2 Ca { get; }

    public string CaPath => Path.Combine(Folder, "ca.pem");

    public string ServerCertPath => Path.Combine(Folder, "server.pem");

    public string ServerKeyPath => Path.Combine(Folder, "server.key");

    public X509Certificate2 Client { get; private set; } = null!;

    public static TestCertificates Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "fe-cc-tls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var now = DateTimeOffset.UtcNow;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Test Chaincode CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        var certificates = new TestCertificates(folder, ca);
        File.WriteAllText(certificates.CaPath, ca.ExportCertificatePem());

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=chaincode", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), [1, 2, 3, 4]);
        File.WriteAllText(certificates.ServerCertPath, server.ExportCertificatePem());
        File.WriteAllText(certificates.ServerKeyPath, serverKey.ExportPkcs8PrivateKeyPem());

        var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var clientRequest = new CertificateRequest("CN=peer0.org1", clientKey, HashAlgorithmName.SHA256);
        clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var client = clientRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), [5, 6, 7, 8]);
        certificates.Client = client.CopyWithPrivateKey(clientKey);
        return certificates;
    }

    public void Dispose()
    {
        Ca.Dispose();
        Client?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
