using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Protocol.Tests;

/// <summary>Throw-away TLS material made at run time: a CA, a server certificate for localhost, a client certificate.</summary>
internal sealed class TestCertificates
{
    private TestCertificates(X509Certificate2 ca, X509Certificate2 server, X509Certificate2 client)
    {
        Ca = ca;
        Server = server;
        Client = client;
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Server { get; }

    public X509Certificate2 Client { get; }

    public static TestCertificates Create(string caName = "Test CA", string serverName = "localhost")
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var server = Issue(ca, caKey, $"CN={serverName}", "1.3.6.1.5.5.7.3.1", san =>
        {
            san.AddDnsName(serverName);
            san.AddIpAddress(IPAddress.Loopback);
        });
        var client = Issue(ca, caKey, "CN=client", "1.3.6.1.5.5.7.3.2", null);
        return new TestCertificates(ca, server, client);
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, ECDsa caKey, string subject, string eku, Action<SubjectAlternativeNameBuilder>? san)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(eku) }, false));
        if (san is not null)
        {
            var builder = new SubjectAlternativeNameBuilder();
            san(builder);
            request.CertificateExtensions.Add(builder.Build());
        }

        var serial = new byte[12];
        RandomNumberGenerator.Fill(serial);
        var now = DateTimeOffset.UtcNow;
        using var signed = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForECDsa(caKey), now.AddMinutes(-5), now.AddDays(1), serial);
        // Round-trip through PEM so the key is usable by SslStream on every platform.
        return X509Certificate2.CreateFromPem(signed.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
