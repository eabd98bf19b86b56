using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FabricEvidence.Cli.Tests;

/// <summary>
/// Throw-away organisations for the CLI: a CA per MSP id, and users with the Fabric CA <c>role</c> attribute written
/// as MSP folders (<c>signcerts/cert.pem</c>, <c>keystore/priv_sk</c>) the way cryptogen and network.sh lay them out.
/// </summary>
internal sealed class TestPki : IDisposable
{
    private readonly Dictionary<string, X509Certificate2> _cas = new(StringComparer.Ordinal);

    public TestPki()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "fe-cli-pki-" + Guid.NewGuid().ToString("N"));

    /// <summary>The CA certificate of <paramref name="mspId"/>, as a PEM file (what the storage service trusts).</summary>
    public string CaFile(string mspId)
    {
        var path = Path.Combine(Root, mspId + "-ca.pem");
        if (!File.Exists(path))
        {
            File.WriteAllText(path, Ca(mspId).ExportCertificatePem());
        }

        return path;
    }

    /// <summary>Issues a user of <paramref name="mspId"/> with <paramref name="role"/> and writes its MSP folder.</summary>
    public string User(string mspId, string name, string role)
    {
        var ca = Ca(mspId);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, OU=client, O={mspId}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        request.CertificateExtensions.Add(new X509Extension("1.2.3.4.5.6.7.8.1", Encoding.UTF8.GetBytes($"{{\"attrs\":{{\"role\":\"{role}\"}}}}"), false));
        using var certificate = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), RandomNumberGenerator.GetBytes(16));
        var msp = Path.Combine(Root, $"{name}@{mspId}", "msp");
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        File.WriteAllText(Path.Combine(msp, "signcerts", "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(msp, "keystore", "priv_sk"), key.ExportPkcs8PrivateKeyPem());
        return msp;
    }

    public void Dispose()
    {
        foreach (var ca in _cas.Values)
        {
            ca.Dispose();
        }

        // The file-system store makes stored objects and their folders read-only; make them deletable again.
        if (!OperatingSystem.IsWindows())
        {
            foreach (var directory in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Directory.Delete(Root, recursive: true);
    }

    private X509Certificate2 Ca(string mspId)
    {
        if (!_cas.TryGetValue(mspId, out var ca))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN=ca.{mspId}, O={mspId}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            ca = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
            _cas[mspId] = ca;
        }

        return ca;
    }
}
