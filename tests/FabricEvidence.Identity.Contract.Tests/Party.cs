using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.Identity.Contract.Tests;

/// <summary>
/// A client of the tests with its private key: a P-256 enrollment certificate from a per-MSP CA, with the Fabric CA
/// attribute extension (<c>role</c>) and the NodeOU (<c>client</c> or <c>admin</c>), as Fabric CA would issue it.
/// Unlike the runtime's TestIdentity it keeps its key, because an issuer signs credentials with its enrollment key.
/// </summary>
internal sealed class Party
{
    private static readonly ConcurrentDictionary<string, (X509Certificate2 Certificate, ECDsa Key)> Authorities = new(StringComparer.Ordinal);

    private Party(string mspId, string name, string? role, bool admin)
    {
        MspId = mspId;
        Name = name;
        Role = role;
        Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ca = Authorities.GetOrAdd(mspId, CreateAuthority);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        subject.AddOrganizationalUnitName(admin ? "admin" : "client");
        subject.AddOrganizationName(mspId);
        var request = new CertificateRequest(subject.Build(), Key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        if (role is not null)
        {
            request.CertificateExtensions.Add(new X509Extension("1.2.3.4.5.6.7.8.1", Encoding.UTF8.GetBytes("{\"attrs\":{\"role\":\"" + role + "\"}}"), false));
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(ca.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(ca.Key),
            new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), serial);
        CertificateDer = certificate.RawData;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(CertificateDer));
        SerializedIdentity = new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(certificate.ExportCertificatePem() + "\n") }.ToByteArray();
    }

    public string MspId { get; }

    public string Name { get; }

    public string? Role { get; }

    public ECDsa Key { get; }

    public byte[] CertificateDer { get; }

    public string Fingerprint { get; }

    public byte[] SerializedIdentity { get; }

    /// <summary>The test CA certificate of an MSP (public part), as a trust anchor.</summary>
    public static X509Certificate2 AuthorityOf(string mspId) => X509CertificateLoader.LoadCertificate(Authorities.GetOrAdd(mspId, CreateAuthority).Certificate.RawData);

    public static Party Admin(string mspId) => new(mspId, "Admin@" + mspId, null, admin: true);

    public static Party With(string mspId, string name, string? role) => new(mspId, name, role, admin: false);

    /// <summary>The party's enrollment identity as an SD-JWT issuer key (certificate in x5c).</summary>
    public IssuerKey IssuerKey()
    {
        using var certificate = X509CertificateLoader.LoadCertificate(CertificateDer);
        return Identity.IssuerKey.Create(certificate, Key);
    }

    public override string ToString() => $"{Name}@{MspId}";

    private static (X509Certificate2, ECDsa) CreateAuthority(string mspId)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=ca.{mspId}, O={mspId}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return (request.CreateSelfSigned(new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)), key);
    }
}

/// <summary>The parties of the tests, created once per run.</summary>
internal static class Parties
{
    public static readonly Party Admin1 = Party.Admin("Org1MSP");
    public static readonly Party Admin2 = Party.Admin("Org2MSP");
    public static readonly Party Admin3 = Party.Admin("Org3MSP");
    public static readonly Party OutsiderAdmin = Party.Admin("Org9MSP");
    public static readonly Party Issuer1 = Party.With("Org1MSP", "registry-issuer", IdentityRoles.Issuer);
    public static readonly Party UnregisteredIssuer = Party.With("Org1MSP", "other-issuer", IdentityRoles.Issuer);
    public static readonly Party Bank2 = Party.With("Org2MSP", "bank-issuer", IdentityRoles.Issuer);
    public static readonly Party Verifier2 = Party.With("Org2MSP", "police-verifier", IdentityRoles.Verifier);
    public static readonly Party Verifier3 = Party.With("Org3MSP", "court-verifier", IdentityRoles.Verifier);
    public static readonly Party OutsideVerifier = Party.With("Org9MSP", "stranger-verifier", IdentityRoles.Verifier);
    public static readonly Party Wallet = Party.With("Org1MSP", "wallet-app", IdentityRoles.Holder);
    public static readonly Party NoRole = Party.With("Org1MSP", "user1", null);
}
