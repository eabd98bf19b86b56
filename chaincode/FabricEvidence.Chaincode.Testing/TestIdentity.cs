using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FabricEvidence.Chaincode.Internal.Contracts;
using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.Chaincode.Testing;

/// <summary>
/// A client identity generated for tests: an ECDSA P-256 certificate issued by a per-MSP test CA, optionally with
/// Fabric CA attributes, and its <c>msp.SerializedIdentity</c> (what <see cref="IChaincodeStub.Creator"/> holds).
/// </summary>
/// <remarks>
/// Keys are generated at run time and never leave the process. The subject is <c>O=&lt;mspId&gt;</c>, the given
/// organisational units and <c>CN=&lt;commonName&gt;</c>; the issuer is <c>CN=ca.&lt;mspId&gt;, O=&lt;mspId&gt;</c>, one
/// CA per MSP id for the life of the process.
/// </remarks>
public sealed class TestIdentity
{
    private static readonly ConcurrentDictionary<string, Lazy<X509Certificate2>> Authorities = new(StringComparer.Ordinal);
    private static readonly Lazy<TestIdentity> DefaultIdentity = new(() => Create("Org1MSP", "user1"));
    private static readonly DateTimeOffset NotBefore = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2099, 12, 31, 0, 0, 0, TimeSpan.Zero);

    private readonly byte[] _certificateDer;

    private TestIdentity(string mspId, string commonName, IReadOnlyDictionary<string, string> attributes, byte[] certificateDer, string privateKeyPem)
    {
        PrivateKeyPem = privateKeyPem;
        MspId = mspId;
        CommonName = commonName;
        Attributes = attributes;
        _certificateDer = certificateDer;
        CertificatePem = PemEncoding.WriteString("CERTIFICATE", certificateDer) + "\n";
    }

    /// <summary>The identity stubs use unless told otherwise: <c>CN=user1</c>, OU <c>client</c>, MSP <c>Org1MSP</c>, no attributes.</summary>
    public static TestIdentity Default => DefaultIdentity.Value;

    /// <summary>The MSP id.</summary>
    public string MspId { get; }

    /// <summary>The common name of the certificate subject.</summary>
    public string CommonName { get; }

    /// <summary>The Fabric CA attributes in the certificate.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The certificate in PEM form (the <c>id_bytes</c> of the serialized identity).</summary>
    public string CertificatePem { get; }

    /// <summary>
    /// The certificate's private key (PKCS#8 PEM), so that a test can also sign as this identity through a Gateway client;
    /// throw-away material generated for the test run.
    /// </summary>
    public string PrivateKeyPem { get; }

    /// <summary>Generates an identity.</summary>
    /// <param name="mspId">The MSP id, for example <c>Org1MSP</c>.</param>
    /// <param name="commonName">The subject common name. Defaults to <c>user1</c>.</param>
    /// <param name="attributes">Fabric CA attributes to put in extension 1.2.3.4.5.6.7.8.1, for example <c>role</c> → <c>investigator</c>.</param>
    /// <param name="organizationalUnits">The subject OUs. Defaults to <c>client</c>.</param>
    /// <returns>The identity.</returns>
    public static TestIdentity Create(string mspId, string commonName = "user1", IReadOnlyDictionary<string, string>? attributes = null, IReadOnlyList<string>? organizationalUnits = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentException.ThrowIfNullOrEmpty(commonName);
        var attributeCopy = new Dictionary<string, string>(attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var authority = Authorities.GetOrAdd(mspId, id => new Lazy<X509Certificate2>(() => CreateAuthority(id))).Value;

        // The builder encodes names in the reverse order of the calls; this yields O, OU…, CN in the certificate, the
        // order Fabric CA uses, with the OUs in the order given.
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(commonName);
        foreach (var unit in (organizationalUnits ?? ["client"]).Reverse())
        {
            subject.AddOrganizationalUnitName(unit);
        }

        subject.AddOrganizationName(mspId);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (attributeCopy.Count > 0)
        {
            request.CertificateExtensions.Add(new X509Extension(ClientIdentity.AttributesExtensionOid, AttributesJson(attributeCopy), critical: false));
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(authority, NotBefore, NotAfter, serial);
        return new TestIdentity(mspId, commonName, attributeCopy, certificate.RawData, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The serialized <c>msp.SerializedIdentity{mspid, id_bytes = PEM}</c>: a transaction creator.</summary>
    /// <returns>The bytes.</returns>
    public byte[] ToSerializedIdentity() =>
        new SerializedIdentity { Mspid = MspId, IdBytes = ByteString.CopyFromUtf8(CertificatePem) }.ToByteArray();

    /// <summary>The certificate, as a new instance the caller owns.</summary>
    /// <returns>The certificate (public part only).</returns>
    public X509Certificate2 GetCertificate() => X509CertificateLoader.LoadCertificate(_certificateDer);

    /// <inheritdoc />
    public override string ToString() => $"{CommonName}@{MspId}";

    // Sorted, compact JSON so the extension bytes do not depend on dictionary order.
    private static byte[] AttributesJson(Dictionary<string, string> attributes)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("attrs");
            foreach (var (name, value) in attributes.OrderBy(a => a.Key, Utf8OrdinalComparer.Instance))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static X509Certificate2 CreateAuthority(string mspId)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName("ca." + mspId.ToLowerInvariant());
        name.AddOrganizationName(mspId);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(NotBefore, NotAfter);
    }
}
