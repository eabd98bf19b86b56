using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.SyntheticLedger;

/// <summary>
/// A test organisation with its own throw-away CA (optionally a root and an intermediate), issuing identities the way
/// cryptogen and Fabric CA do: node OUs (client, peer, admin, orderer) in the subject, and Fabric CA attributes in
/// extension 1.2.3.4.5.6.7.8.1.
/// </summary>
public sealed class TestOrganization : IDisposable
{
    public const string AttributesOid = "1.2.3.4.5.6.7.8.1";

    private readonly List<TestIdentity> _issued = [];
    private readonly List<byte[]> _revocationLists = [];
    private readonly List<(byte[] Serial, DateTimeOffset When)> _revoked = [];

    private TestOrganization(string mspId, string domain, ECDsa rootKey, X509Certificate2 root, ECDsa? intermediateKey, X509Certificate2? intermediate)
    {
        MspId = mspId;
        Domain = domain;
        RootKey = rootKey;
        Root = root;
        IntermediateKey = intermediateKey;
        Intermediate = intermediate;
    }

    /// <summary>A moment every test certificate is valid at: certificates run from a year before to ten years after.</summary>
    public static DateTimeOffset Epoch { get; } = new(DateTimeOffset.UtcNow.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string MspId { get; }

    public string Domain { get; }

    public ECDsa RootKey { get; }

    public X509Certificate2 Root { get; }

    public ECDsa? IntermediateKey { get; }

    public X509Certificate2? Intermediate { get; }

    public bool NodeOusEnabled { get; set; } = true;

    private X509Certificate2 IssuingCa => Intermediate ?? Root;

    private ECDsa IssuingKey => IntermediateKey ?? RootKey;

    public static TestOrganization Create(string mspId, string domain, bool withIntermediate = false)
    {
        var notBefore = Epoch.AddYears(-1);
        var notAfter = Epoch.AddYears(10);
        var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN=ca.{domain}, O={domain}, C=US", rootKey, HashAlgorithmName.SHA256);
        AddCaExtensions(rootRequest, rootKey);
        var root = rootRequest.CreateSelfSigned(notBefore, notAfter);
        if (!withIntermediate)
        {
            return new TestOrganization(mspId, domain, rootKey, X509CertificateLoader.LoadCertificate(root.RawData), null, null);
        }

        var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = new CertificateRequest($"CN=ica.{domain}, O={domain}, C=US", intermediateKey, HashAlgorithmName.SHA256);
        AddCaExtensions(intermediateRequest, intermediateKey);
        intermediateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var intermediate = intermediateRequest.Create(root, notBefore, notAfter.AddDays(-1), RandomSerial());
        return new TestOrganization(mspId, domain, rootKey, X509CertificateLoader.LoadCertificate(root.RawData), intermediateKey, X509CertificateLoader.LoadCertificate(intermediate.RawData));
    }

    private static void AddCaExtensions(CertificateRequest request, ECDsa key)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _ = key;
    }

    private static byte[] RandomSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        return serial;
    }

    /// <summary>Issues an identity: subject <c>CN=name, OU=ou, O=domain</c>, with the Fabric CA attribute <c>role</c> when given.</summary>
    public TestIdentity Issue(string commonName, string organizationalUnit, string? role = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, OU={organizationalUnit}, O={Domain}, C=US", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(IssuingCa, true, false));
        if (role is not null)
        {
            request.CertificateExtensions.Add(new X509Extension(AttributesOid, Encoding.UTF8.GetBytes($"{{\"attrs\":{{\"role\":\"{role}\"}}}}"), false));
        }

        var certificate = request.Create(IssuingCa.SubjectName, X509SignatureGenerator.CreateForECDsa(IssuingKey), notBefore ?? Epoch.AddYears(-1).AddDays(1), notAfter ?? Epoch.AddYears(9), RandomSerial());
        var identity = new TestIdentity(MspId, X509CertificateLoader.LoadCertificate(certificate.RawData), key);
        _issued.Add(identity);
        return identity;
    }

    /// <summary>Revokes an identity: the next <see cref="ToMspConfig"/> carries a CRL, signed by the issuing CA, that lists it.</summary>
    public void Revoke(TestIdentity identity)
    {
        _revoked.Add((identity.Certificate.SerialNumberBytes.ToArray(), Epoch));
        var builder = new CertificateRevocationListBuilder();
        foreach (var (serial, when) in _revoked)
        {
            builder.AddEntry(serial, when);
        }

        using var issuer = IssuingCa.CopyWithPrivateKey(IssuingKey);
        _revocationLists.Clear();
        _revocationLists.Add(builder.Build(issuer, 1, Epoch.AddYears(5), HashAlgorithmName.SHA256));
    }

    /// <summary>The organisation's <c>msp.MSPConfig</c> as configtxgen writes it from a cryptogen MSP folder with NodeOUs.</summary>
    public MSPConfig ToMspConfig()
    {
        var caPem = ByteString.CopyFromUtf8(IssuingCa.ExportCertificatePem() + "\n");
        var fabric = new FabricMSPConfig
        {
            Name = MspId,
            RootCerts = { ByteString.CopyFromUtf8(Root.ExportCertificatePem() + "\n") },
            CryptoConfig = new FabricCryptoConfig { SignatureHashFamily = "SHA2", IdentityIdentifierHashFunction = "SHA256" },
            TlsRootCerts = { ByteString.CopyFromUtf8(Root.ExportCertificatePem() + "\n") },
        };
        if (Intermediate is not null)
        {
            fabric.IntermediateCerts.Add(caPem);
        }

        foreach (var crl in _revocationLists)
        {
            fabric.RevocationList.Add(ByteString.CopyFromUtf8(PemEncoding.WriteString("X509 CRL", crl) + "\n"));
        }

        if (NodeOusEnabled)
        {
            fabric.FabricNodeOus = new FabricNodeOUs
            {
                Enable = true,
                ClientOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "client" },
                PeerOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "peer" },
                AdminOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "admin" },
                OrdererOuIdentifier = new FabricOUIdentifier { Certificate = caPem, OrganizationalUnitIdentifier = "orderer" },
            };
        }

        return new MSPConfig { Type = 0, Config = fabric.ToByteString() };
    }

    public string RootFingerprint => Convert.ToHexStringLower(SHA256.HashData(Root.RawData));

    public void Dispose()
    {
        foreach (var identity in _issued)
        {
            identity.Dispose();
        }

        RootKey.Dispose();
        Root.Dispose();
        IntermediateKey?.Dispose();
        Intermediate?.Dispose();
    }
}
