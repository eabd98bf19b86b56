using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Gateway.Internal;
using Org.BouncyCastle.Crypto.Parameters;

namespace FabricEvidence.Gateway;

/// <summary>
/// A private signing key: ECDSA (P-256, P-384, P-521) or Ed25519. Read one from PEM (PKCS#8 <c>PRIVATE KEY</c> or
/// SEC1 <c>EC PRIVATE KEY</c>), then create a signer with <see cref="Identities.CreateSigner"/>, which also checks that
/// the key belongs to the identity's certificate.
/// </summary>
/// <remarks>
/// SM2 keys are deliberately not supported: Fabric's MSP cannot verify SM2 signatures (Go's x509 has no SM2 curve), and
/// SM2 hashes the signer's identity into the message itself, which does not fit the gateway's hash-then-sign model.
/// </remarks>
public sealed class PrivateKey : IDisposable
{
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";

    private readonly ECDsa? _ecdsa;
    private readonly Ed25519PrivateKeyParameters? _ed25519;

    private PrivateKey(ECDsa ecdsa, PrivateKeyAlgorithm algorithm)
    {
        _ecdsa = ecdsa;
        Algorithm = algorithm;
    }

    private PrivateKey(Ed25519PrivateKeyParameters ed25519)
    {
        _ed25519 = ed25519;
        Algorithm = PrivateKeyAlgorithm.Ed25519;
    }

    /// <summary>The key's algorithm.</summary>
    public PrivateKeyAlgorithm Algorithm { get; }

    /// <summary>Reads a private key from PEM text.</summary>
    /// <param name="pem">
    /// A PEM <c>PRIVATE KEY</c> (PKCS#8, ECDSA or Ed25519) or <c>EC PRIVATE KEY</c> (SEC1) block. Other blocks, such
    /// as the <c>EC PARAMETERS</c> block <c>openssl ecparam -genkey</c> writes, are skipped.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The text holds no private key, the key is encrypted, or it is of a type Fabric does not accept (RSA, other curves).
    /// </exception>
    public static PrivateKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        try
        {
            return ParsePem(pem);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(ex.Message, nameof(pem), ex);
        }
    }

    private static PrivateKey ParsePem(string pem)
    {
        var rest = pem.AsSpan();
        var sawEncrypted = false;
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            var data = rest[fields.Base64Data];
            rest = rest[fields.Location.End.Value..];
            switch (label)
            {
                case "PRIVATE KEY":
                    return FromPkcs8(Decode(data));
                case "EC PRIVATE KEY":
                    return FromSec1(Decode(data));
                case "ENCRYPTED PRIVATE KEY":
                    sawEncrypted = true;
                    break;
                case "RSA PRIVATE KEY":
                    throw new FormatException("The PEM holds an RSA private key; Fabric identities use ECDSA or Ed25519 keys.");
            }
        }

        throw new FormatException(sawEncrypted
            ? "The PEM private key is encrypted. Decrypt it first (for example 'openssl pkcs8 -in key.pem -out key-plain.pem') or load it into an ECDsa yourself and use PrivateKey.FromECDsa."
            : "No PEM private key found: expected a '-----BEGIN PRIVATE KEY-----' (PKCS#8) or '-----BEGIN EC PRIVATE KEY-----' (SEC1) block.");
    }

    /// <summary>Reads a private key from a PEM file, such as a Fabric MSP's <c>keystore/*_sk</c>.</summary>
    /// <exception cref="ArgumentException">The file holds no usable private key (the message names the file).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static PrivateKey FromPemFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path);
        try
        {
            return FromPem(text);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Cannot read a private key from '{path}': {ex.Message}", nameof(path), ex);
        }
    }

    /// <summary>Wraps an ECDSA key. The <see cref="PrivateKey"/> keeps its own copy; dispose <paramref name="key"/> as usual.</summary>
    /// <exception cref="ArgumentException">The key has no private part or is not on P-256, P-384 or P-521.</exception>
    public static PrivateKey FromECDsa(ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ECParameters parameters;
        try
        {
            parameters = key.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The ECDSA key's private part cannot be exported; a signer needs the private key.", nameof(key), ex);
        }

        try
        {
            return FromParameters(parameters, nameof(key));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <summary>Wraps a raw 32-byte Ed25519 private key (the RFC 8032 seed).</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes.</exception>
    public static PrivateKey FromEd25519(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Ed25519PrivateKeyParameters.KeySize)
        {
            throw new ArgumentException($"An Ed25519 private key is {Ed25519PrivateKeyParameters.KeySize} bytes; got {privateKey.Length}.", nameof(privateKey));
        }

        return new PrivateKey(new Ed25519PrivateKeyParameters(privateKey.ToArray(), 0));
    }

    /// <summary>Whether this key is the private half of <paramref name="certificate"/>'s public key.</summary>
    public bool Matches(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ObjectDisposedException.ThrowIf(_ecdsa is null && _ed25519 is null, this);
        if (_ed25519 is not null)
        {
            return certificate.PublicKey.Oid.Value == Ed25519Oid
                && certificate.PublicKey.EncodedKeyValue.RawData.AsSpan().SequenceEqual(_ed25519.GeneratePublicKey().GetEncoded());
        }

        using var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null)
        {
            return false;
        }

        var theirs = publicKey.ExportParameters(false);
        var ours = _ecdsa!.ExportParameters(false);
        return CurveOf(theirs.Curve) == CurveOf(ours.Curve)
            && theirs.Q.X.AsSpan().SequenceEqual(ours.Q.X)
            && theirs.Q.Y.AsSpan().SequenceEqual(ours.Q.Y);
    }

    /// <summary>Writes the key as unencrypted PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>). Handle the result as a secret.</summary>
    public string ExportPkcs8Pem()
    {
        if (_ed25519 is not null)
        {
            var writer = new AsnWriter(AsnEncodingRules.DER);
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Ed25519Oid);
                }

                var inner = new AsnWriter(AsnEncodingRules.DER);
                inner.WriteOctetString(_ed25519.GetEncoded());
                writer.WriteOctetString(inner.Encode());
            }

            return PemEncoding.WriteString("PRIVATE KEY", writer.Encode());
        }

        return EcdsaKey.ExportPkcs8PrivateKeyPem();
    }

    /// <inheritdoc />
    public void Dispose() => _ecdsa?.Dispose();

    /// <inheritdoc />
    public override string ToString() => $"PrivateKey({Algorithm})";

    internal ECDsa EcdsaKey => _ecdsa ?? throw new InvalidOperationException("Not an ECDSA key.");

    // Signers get their own copy so that disposing this PrivateKey does not break a signer still in use.
    internal ISigner CreateSigner() => _ed25519 is not null
        ? new Ed25519Signer(_ed25519)
        : EcdsaSigner.Create(_ecdsa!, Algorithm);

    private static byte[] Decode(ReadOnlySpan<char> base64)
    {
        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64Chars(base64, buffer, out var written))
        {
            throw new FormatException("The PEM private key's base64 body is corrupt.");
        }

        return buffer[..written];
    }

    private static PrivateKey FromPkcs8(byte[] der)
    {
        string algorithm;
        ReadOnlyMemory<byte> keyOctets;
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            var info = reader.ReadSequence();
            info.ReadInteger();
            var algorithmId = info.ReadSequence();
            algorithm = algorithmId.ReadObjectIdentifier();
            keyOctets = info.ReadOctetString();
        }
        catch (AsnContentException ex)
        {
            throw new FormatException("The PEM 'PRIVATE KEY' block is not a valid PKCS#8 structure.", ex);
        }

        switch (algorithm)
        {
            case EcPublicKeyOid:
                var ecdsa = ECDsa.Create();
                try
                {
                    ecdsa.ImportPkcs8PrivateKey(der, out _);
                    return FromOwnedEcdsa(ecdsa);
                }
                catch (CryptographicException ex)
                {
                    ecdsa.Dispose();
                    throw new FormatException($"The PKCS#8 EC private key cannot be read: {ex.Message}", ex);
                }
                catch
                {
                    ecdsa.Dispose();
                    throw;
                }

            case Ed25519Oid:
                try
                {
                    var seed = new AsnReader(keyOctets, AsnEncodingRules.BER).ReadOctetString();
                    return FromEd25519(seed);
                }
                catch (Exception ex) when (ex is AsnContentException or ArgumentException)
                {
                    throw new FormatException("The PKCS#8 Ed25519 private key is malformed: it must hold a 32-byte key.", ex);
                }

            case "1.2.840.113549.1.1.1":
                throw new FormatException("The PEM holds an RSA private key; Fabric identities use ECDSA or Ed25519 keys.");
            case "1.2.156.10197.1.301":
                throw new FormatException("The PEM holds an SM2 private key; Fabric MSPs do not verify SM2 signatures, so SM2 is not supported.");
            default:
                throw new FormatException($"The PEM private key's algorithm {algorithm} is not supported; use ECDSA (P-256, P-384, P-521) or Ed25519.");
        }
    }

    private static PrivateKey FromSec1(byte[] der)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportECPrivateKey(der, out _);
            return FromOwnedEcdsa(ecdsa);
        }
        catch (CryptographicException ex)
        {
            ecdsa.Dispose();
            throw new FormatException($"The PEM 'EC PRIVATE KEY' cannot be read: {ex.Message}", ex);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static PrivateKey FromOwnedEcdsa(ECDsa ecdsa)
    {
        var curve = CurveOf(ecdsa.ExportParameters(false).Curve)
            ?? throw new FormatException("The EC private key is not on P-256, P-384 or P-521, the curves Fabric MSPs accept.");
        return new PrivateKey(ecdsa, curve);
    }

    private static PrivateKey FromParameters(ECParameters parameters, string paramName)
    {
        if (parameters.D is null)
        {
            throw new ArgumentException("The ECDSA key has no private part.", paramName);
        }

        var curve = CurveOf(parameters.Curve)
            ?? throw new ArgumentException("The ECDSA key is not on P-256, P-384 or P-521, the curves Fabric MSPs accept.", paramName);
        return new PrivateKey(ECDsa.Create(parameters), curve);
    }

    internal static PrivateKeyAlgorithm? CurveOf(ECCurve curve)
    {
        if (!curve.IsNamed)
        {
            return null;
        }

        return (curve.Oid.Value, curve.Oid.FriendlyName) switch
        {
            ("1.2.840.10045.3.1.7", _) or (_, "nistP256" or "ECDSA_P256" or "secp256r1" or "prime256v1") => PrivateKeyAlgorithm.EcdsaP256,
            ("1.3.132.0.34", _) or (_, "nistP384" or "ECDSA_P384" or "secp384r1") => PrivateKeyAlgorithm.EcdsaP384,
            ("1.3.132.0.35", _) or (_, "nistP521" or "ECDSA_P521" or "secp521r1") => PrivateKeyAlgorithm.EcdsaP521,
            _ => null,
        };
    }
}
