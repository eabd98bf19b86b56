using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Gateway;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace FabricEvidence.Gateway.Tests.Infrastructure;

/// <summary>Throw-away identities generated per test run: a CA and a user certificate signed by it, with the user's key.</summary>
internal sealed class TestCredentials
{
    private static readonly Lazy<ECDsa> CaKey = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<X509Certificate2> CaCertificate = new(CreateCa);

    private TestCredentials(string mspId, X509Certificate2 certificate, string privateKeyPem, PrivateKeyAlgorithm algorithm)
    {
        MspId = mspId;
        Certificate = certificate;
        PrivateKeyPem = privateKeyPem;
        Algorithm = algorithm;
    }

    public string MspId { get; }

    public X509Certificate2 Certificate { get; }

    public string CertificatePem => Identities.ToPem(Certificate);

    public string PrivateKeyPem { get; }

    public PrivateKeyAlgorithm Algorithm { get; }

    public X509Identity Identity => new(MspId, Certificate);

    public PrivateKey PrivateKey => PrivateKey.FromPem(PrivateKeyPem);

    public ISigner Signer => Identities.CreateSigner(PrivateKey, Certificate);

    public Hash Hash => Algorithm == PrivateKeyAlgorithm.Ed25519 ? Hash.None : Hash.Sha256;

    public static TestCredentials Create(PrivateKeyAlgorithm algorithm = PrivateKeyAlgorithm.EcdsaP256, string mspId = "Org1MSP", string commonName = "User1@org1.example.com")
    {
        if (algorithm == PrivateKeyAlgorithm.Ed25519)
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            var pair = generator.GenerateKeyPair();
            var privateKey = (Ed25519PrivateKeyParameters)pair.Private;
            var publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
            var spki = new PublicKey(new Oid("1.3.101.112"), null, new AsnEncodedData(publicKey));
            var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, OU=client, O=org1.example.com"), spki, HashAlgorithmName.SHA256);
            var certificate = Issue(request);
            using var key = PrivateKey.FromEd25519(privateKey.GetEncoded());
            return new TestCredentials(mspId, certificate, key.ExportPkcs8Pem(), algorithm);
        }

        var curve = algorithm switch
        {
            PrivateKeyAlgorithm.EcdsaP256 => ECCurve.NamedCurves.nistP256,
            PrivateKeyAlgorithm.EcdsaP384 => ECCurve.NamedCurves.nistP384,
            _ => ECCurve.NamedCurves.nistP521,
        };
        using var ecdsa = ECDsa.Create(curve);
        var ecRequest = new CertificateRequest($"CN={commonName}, OU=client, O=org1.example.com", ecdsa, HashAlgorithmName.SHA256);
        return new TestCredentials(mspId, Issue(ecRequest), ecdsa.ExportPkcs8PrivateKeyPem(), algorithm);
    }

    /// <summary>Verifies a signature the way a Fabric MSP does: ECDSA over hash(message) with low S, Ed25519 over the message.</summary>
    public static bool Verify(X509Certificate2 certificate, byte[] message, byte[] signature, Hash hash)
    {
        if (certificate.PublicKey.Oid.Value == "1.3.101.112")
        {
            var publicKey = new Ed25519PublicKeyParameters(certificate.PublicKey.EncodedKeyValue.RawData, 0);
            var verifier = new Org.BouncyCastle.Crypto.Signers.Ed25519Signer();
            verifier.Init(false, publicKey);
            var digest = hash.Compute(message);
            verifier.BlockUpdate(digest, 0, digest.Length);
            return verifier.VerifySignature(signature);
        }

        using var ecdsa = certificate.GetECDsaPublicKey()!;
        return ecdsa.VerifyHash(hash.Compute(message), signature, DSASignatureFormat.Rfc3279DerSequence)
            && Internal.EcdsaSigner.IsLowS(signature, PrivateKey.CurveOf(ecdsa.ExportParameters(false).Curve)!.Value);
    }

    private static X509Certificate2 Issue(CertificateRequest request)
    {
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        var now = DateTimeOffset.UtcNow;
        return request.Create(CaCertificate.Value.SubjectName, X509SignatureGenerator.CreateForECDsa(CaKey.Value), now.AddMinutes(-5), now.AddDays(1), serial);
    }

    private static X509Certificate2 CreateCa()
    {
        var request = new CertificateRequest("CN=ca.org1.example.com, O=org1.example.com", CaKey.Value, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }
}
