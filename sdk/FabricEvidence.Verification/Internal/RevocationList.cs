using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// A certificate revocation list from an MSP configuration (RFC 5280 CertificateList), read for what Fabric uses
/// (msp/mspimplvalidate.go validateCertAgainstChain): the authority key identifier naming its issuer, the revoked
/// serial numbers, and the signature that proves the issuer made it.
/// </summary>
internal sealed class RevocationList
{
    private RevocationList(byte[] tbs, string signatureAlgorithm, byte[] signature, byte[]? authorityKeyIdentifier, HashSet<BigInteger> revoked)
    {
        Tbs = tbs;
        SignatureAlgorithm = signatureAlgorithm;
        Signature = signature;
        AuthorityKeyIdentifier = authorityKeyIdentifier;
        Revoked = revoked;
    }

    public byte[] Tbs { get; }

    public string SignatureAlgorithm { get; }

    public byte[] Signature { get; }

    public byte[]? AuthorityKeyIdentifier { get; }

    public IReadOnlySet<BigInteger> Revoked { get; }

    public static RevocationList? TryParse(ReadOnlySpan<byte> pemOrDer, out string? error)
    {
        try
        {
            var der = PemToDer(pemOrDer) ?? pemOrDer.ToArray();
            var outer = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var tbsBytes = outer.ReadEncodedValue().ToArray();
            var algorithm = outer.ReadSequence().ReadObjectIdentifier();
            var signature = outer.ReadBitString(out _);
            var tbs = new AsnReader(tbsBytes, AsnEncodingRules.DER).ReadSequence();
            if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            {
                tbs.ReadInteger(); // version
            }

            tbs.ReadSequence(); // signature algorithm
            tbs.ReadSequence(); // issuer
            tbs.ReadEncodedValue(); // thisUpdate
            if (tbs.HasData && (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) || tbs.PeekTag().HasSameClassAndValue(Asn1Tag.GeneralizedTime)))
            {
                tbs.ReadEncodedValue(); // nextUpdate
            }

            var revoked = new HashSet<BigInteger>();
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            {
                var entries = tbs.ReadSequence();
                while (entries.HasData)
                {
                    var entry = entries.ReadSequence();
                    revoked.Add(entry.ReadInteger());
                }
            }

            byte[]? aki = null;
            var extensionsTag = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(extensionsTag))
            {
                var extensions = tbs.ReadSequence(extensionsTag).ReadSequence();
                while (extensions.HasData)
                {
                    var extension = extensions.ReadSequence();
                    var oid = extension.ReadObjectIdentifier();
                    if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                    {
                        extension.ReadBoolean();
                    }

                    var value = extension.ReadOctetString();
                    if (oid == "2.5.29.35")
                    {
                        var akiSequence = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
                        var keyIdTag = new Asn1Tag(TagClass.ContextSpecific, 0);
                        if (akiSequence.HasData && akiSequence.PeekTag().HasSameClassAndValue(keyIdTag))
                        {
                            aki = akiSequence.ReadOctetString(keyIdTag);
                        }
                    }
                }
            }

            error = null;
            return new RevocationList(tbsBytes, algorithm, signature, aki, revoked);
        }
        catch (Exception e) when (e is AsnContentException or FormatException or CryptographicException)
        {
            error = $"not a certificate revocation list ({e.Message})";
            return null;
        }
    }

    /// <summary>Whether <paramref name="issuer"/>'s key made this list's signature.</summary>
    public bool IsSignedBy(CertificateInfo issuer)
    {
        var hash = SignatureAlgorithm switch
        {
            "1.2.840.10045.4.3.2" or "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
            "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
            "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
            _ => default,
        };
        if (hash == default)
        {
            return false;
        }

        try
        {
            if (SignatureAlgorithm.StartsWith("1.2.840.10045", StringComparison.Ordinal))
            {
                return issuer.EcdsaKey?.VerifyData(Tbs, Signature, hash, DSASignatureFormat.Rfc3279DerSequence) == true;
            }

            using var rsa = issuer.Certificate.GetRSAPublicKey();
            return rsa?.VerifyData(Tbs, Signature, hash, RSASignaturePadding.Pkcs1) == true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[]? PemToDer(ReadOnlySpan<byte> pem)
    {
        var text = System.Text.Encoding.ASCII.GetString(pem);
        return PemEncoding.TryFind(text, out var fields) ? Convert.FromBase64String(text[fields.Base64Data]) : null;
    }
}
