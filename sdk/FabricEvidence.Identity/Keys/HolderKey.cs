using System.Security.Cryptography;
using FabricEvidence.Identity.Internal;
using Microsoft.IdentityModel.Tokens;

namespace FabricEvidence.Identity;

/// <summary>
/// A holder's private P-256 key, to which credentials are bound (<c>cnf.jwk</c>) and with which presentations and
/// consents are signed. Generate one per credential so that two verifiers cannot link presentations by the key.
/// </summary>
public sealed class HolderKey : IDisposable
{
    private readonly ECDsa _key;

    private HolderKey(ECDsa key)
    {
        _key = key;
        SigningKey = Jws.SecurityKey(key);
        PublicKey = HolderPublicKey.FromKey(key);
    }

    /// <summary>The public key and its thumbprint.</summary>
    public HolderPublicKey PublicKey { get; }

    /// <summary>The RFC 7638 thumbprint of the public key (same as <c>PublicKey.Thumbprint</c>).</summary>
    public string Thumbprint => PublicKey.Thumbprint;

    internal ECDsaSecurityKey SigningKey { get; }

    /// <summary>Generates a new P-256 key from the operating system's random number generator.</summary>
    public static HolderKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Imports a P-256 private key in PKCS#8 DER form.</summary>
    /// <param name="pkcs8">The PKCS#8 PrivateKeyInfo bytes.</param>
    /// <exception cref="ArgumentException">The bytes are not a PKCS#8 P-256 private key.</exception>
    public static HolderKey ImportPkcs8(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out var read);
            if (read != pkcs8.Length)
            {
                throw new ArgumentException("Trailing bytes after the PKCS#8 private key.", nameof(pkcs8));
            }
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new ArgumentException("Not a PKCS#8 EC private key: " + ex.Message, nameof(pkcs8), ex);
        }

        return Checked(key, nameof(pkcs8));
    }

    /// <summary>Imports a P-256 private key from PEM (PKCS#8 <c>PRIVATE KEY</c> or SEC 1 <c>EC PRIVATE KEY</c>).</summary>
    /// <param name="pem">The PEM text.</param>
    /// <exception cref="ArgumentException">The text holds no P-256 private key.</exception>
    public static HolderKey ImportPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new ArgumentException("No EC private key in the PEM text: " + ex.Message, nameof(pem), ex);
        }

        return Checked(key, nameof(pem));
    }

    private static HolderKey Checked(ECDsa key, string argument)
    {
        if (!EcKeys.IsP256(key))
        {
            key.Dispose();
            throw new ArgumentException("The holder key must be on the P-256 curve (ES256).", argument);
        }

        try
        {
            key.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException ex)
        {
            key.Dispose();
            throw new ArgumentException("The key has no private part.", argument, ex);
        }

        return new HolderKey(key);
    }

    /// <summary>Exports the private key as PKCS#8 DER (unencrypted: store it only inside an encrypted wallet).</summary>
    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>Signs a JWS with ES256 over <paramref name="payloadJson"/>, with the given <c>typ</c>.</summary>
    internal string SignJws(string type, string payloadJson) => Jws.Sign(SigningKey, type, payloadJson);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
