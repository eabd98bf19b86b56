using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Identity.Internal;
using Microsoft.IdentityModel.Tokens;

namespace FabricEvidence.Identity;

/// <summary>
/// An issuer's Fabric enrollment identity used to sign credentials and status list tokens: its ECDSA P-256 private key
/// (PKCS#8 PEM, as cryptogen and Fabric CA write <c>keystore/*_sk</c>) and its certificate with any intermediate CA
/// certificates, which go into the <c>x5c</c> header so that verifiers can chain it to an organisation's CA.
/// </summary>
public sealed class IssuerKey : IDisposable
{
    private readonly ECDsa _key;

    private IssuerKey(ECDsa key, X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates)
    {
        _key = key;
        Certificate = certificate;
        Chain = [certificate, .. intermediates];
        X5c = Chain.Select(c => Convert.ToBase64String(c.RawData)).ToArray();
        SigningKey = Jws.SecurityKey(key);
    }

    /// <summary>The enrollment (leaf) certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificates placed in <c>x5c</c>: the enrollment certificate first, then intermediates in order.</summary>
    public IReadOnlyList<X509Certificate2> Chain { get; }

    internal IReadOnlyList<string> X5c { get; }

    internal ECDsaSecurityKey SigningKey { get; }

    /// <summary>Creates an issuer key from a certificate and its private key.</summary>
    /// <param name="certificate">The enrollment certificate (public part is enough).</param>
    /// <param name="privateKey">The P-256 private key of that certificate; copied, so the caller keeps ownership.</param>
    /// <param name="intermediates">Intermediate CA certificates between the enrollment certificate and the root, leaf side first.</param>
    /// <exception cref="ArgumentException">The key is not P-256, has no private part, or does not match the certificate.</exception>
    public static IssuerKey Create(X509Certificate2 certificate, ECDsa privateKey, IEnumerable<X509Certificate2>? intermediates = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(privateKey);
        ECParameters parameters;
        try
        {
            parameters = privateKey.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The issuer key has no private part.", nameof(privateKey), ex);
        }

        return Build(ECDsa.Create(parameters), certificate, intermediates?.ToList() ?? [], nameof(privateKey));
    }

    /// <summary>Reads an issuer key from PEM text.</summary>
    /// <param name="certificatesPem">The enrollment certificate, optionally followed by intermediate CA certificates.</param>
    /// <param name="privateKeyPem">The private key: PKCS#8 <c>PRIVATE KEY</c> (what Fabric writes) or SEC 1 <c>EC PRIVATE KEY</c>.</param>
    /// <exception cref="ArgumentException">The texts hold no certificate or key, or they do not belong together.</exception>
    public static IssuerKey FromPem(string certificatesPem, string privateKeyPem)
    {
        ArgumentNullException.ThrowIfNull(certificatesPem);
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        var certificates = ReadCertificates(certificatesPem, nameof(certificatesPem));
        if (certificates.Count == 0)
        {
            throw new ArgumentException("No certificate in the PEM text.", nameof(certificatesPem));
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new ArgumentException("No EC private key in the PEM text: " + ex.Message, nameof(privateKeyPem), ex);
        }

        return Build(key, certificates[0], certificates.Skip(1).ToList(), nameof(privateKeyPem));
    }

    /// <summary>
    /// Reads an issuer key from a Fabric MSP folder: <c>signcerts/</c> (one certificate), <c>keystore/</c> (one private
    /// key file, <c>priv_sk</c> or <c>*_sk</c>) and, if present, <c>intermediatecerts/</c>.
    /// </summary>
    /// <param name="mspDirectory">The MSP folder, e.g. <c>.../users/Admin@org1.example.com/msp</c>.</param>
    /// <exception cref="ArgumentException">The folder does not have that layout or its files do not belong together.</exception>
    public static IssuerKey FromMspDirectory(string mspDirectory)
    {
        ArgumentNullException.ThrowIfNull(mspDirectory);
        var signcerts = Path.Combine(mspDirectory, "signcerts");
        var keystore = Path.Combine(mspDirectory, "keystore");
        var certFiles = Directory.Exists(signcerts) ? Directory.GetFiles(signcerts) : [];
        var keyFiles = Directory.Exists(keystore) ? Directory.GetFiles(keystore) : [];
        if (certFiles.Length != 1 || keyFiles.Length != 1)
        {
            throw new ArgumentException(
                $"An MSP folder has exactly one file in signcerts/ and one in keystore/; {mspDirectory} has {certFiles.Length} and {keyFiles.Length}.",
                nameof(mspDirectory));
        }

        var pem = File.ReadAllText(certFiles[0]);
        var intermediates = Path.Combine(mspDirectory, "intermediatecerts");
        if (Directory.Exists(intermediates))
        {
            foreach (var file in Directory.GetFiles(intermediates).Order(StringComparer.Ordinal))
            {
                pem += "\n" + File.ReadAllText(file);
            }
        }

        return FromPem(pem, File.ReadAllText(keyFiles[0]));
    }

    private static List<X509Certificate2> ReadCertificates(string pem, string argument)
    {
        var result = new List<X509Certificate2>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    result.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
                }
                catch (CryptographicException ex)
                {
                    throw new ArgumentException("A CERTIFICATE block is not a valid X.509 certificate: " + ex.Message, argument, ex);
                }
            }

            rest = rest[fields.Location.End..];
        }

        return result;
    }

    private static IssuerKey Build(ECDsa key, X509Certificate2 certificate, List<X509Certificate2> intermediates, string argument)
    {
        try
        {
            if (!EcKeys.IsP256(key))
            {
                throw new ArgumentException("The issuer key must be on the P-256 curve (ES256).", argument);
            }

            using var certificateKey = certificate.GetECDsaPublicKey()
                ?? throw new ArgumentException("The certificate does not hold an EC public key.", nameof(certificate));
            if (!EcKeys.SamePublicKey(key, certificateKey))
            {
                throw new ArgumentException("The private key does not belong to the certificate.", argument);
            }

            return new IssuerKey(key, X509CertificateLoader.LoadCertificate(certificate.RawData),
                intermediates.Select(c => X509CertificateLoader.LoadCertificate(c.RawData)).ToList());
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    internal string SignJws(string type, string payloadJson) => Jws.Sign(SigningKey, type, payloadJson, X5c);

    /// <inheritdoc />
    public void Dispose()
    {
        _key.Dispose();
        foreach (var c in Chain)
        {
            c.Dispose();
        }
    }
}
