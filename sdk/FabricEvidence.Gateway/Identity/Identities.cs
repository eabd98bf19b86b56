using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FabricEvidence.Gateway;

/// <summary>Reads certificates, keys and Fabric MSP folders, and creates signers that are checked against their identity.</summary>
public static class Identities
{
    /// <summary>Reads the first certificate from PEM text.</summary>
    /// <exception cref="ArgumentException">The text holds no readable certificate.</exception>
    public static X509Certificate2 ReadCertificate(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out _) || !pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            throw new ArgumentException("No PEM certificate found: expected a '-----BEGIN CERTIFICATE-----' block.", nameof(pem));
        }

        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"The PEM certificate cannot be read: {ex.Message}", nameof(pem), ex);
        }
    }

    /// <summary>Reads the first certificate from a PEM file.</summary>
    /// <exception cref="ArgumentException">The file holds no readable certificate (the message names the file).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static X509Certificate2 ReadCertificateFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var text = File.ReadAllText(path);
        try
        {
            return ReadCertificate(text);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Cannot read a certificate from '{path}': {ex.Message}", nameof(path), ex);
        }
    }

    /// <summary>Writes a certificate as PEM with 64-character lines and a final newline, as Fabric's tools do.</summary>
    public static string ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return PemEncoding.WriteString("CERTIFICATE", certificate.RawData) + "\n";
    }

    /// <summary>
    /// The SHA-256 hash of a TLS client certificate, for <see cref="GatewayOptions.TlsClientCertificateHash"/> when
    /// the connection uses mutual TLS: peers bind Deliver requests to the TLS session with it.
    /// </summary>
    public static byte[] ComputeTlsCertificateHash(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return SHA256.HashData(certificate.RawData);
    }

    /// <summary>
    /// Creates a signer for <paramref name="privateKey"/> after checking that the key belongs to
    /// <paramref name="certificate"/>, so a mismatch fails here rather than as a signature error at a peer.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not the certificate's private key.</exception>
    public static ISigner CreateSigner(PrivateKey privateKey, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(certificate);
        if (!privateKey.Matches(certificate))
        {
            throw new ArgumentException(
                $"The {privateKey.Algorithm} private key does not match the public key of certificate '{certificate.Subject}' (serial {certificate.SerialNumber}); a peer would reject every signature.",
                nameof(privateKey));
        }

        return privateKey.CreateSigner();
    }

    /// <summary>
    /// Loads an identity and its signer from a Fabric MSP folder, as written by <c>cryptogen</c> or a Fabric CA client:
    /// the certificate from <c>signcerts/</c> and, from <c>keystore/</c>, the private key that matches it.
    /// </summary>
    /// <param name="mspId">The MSP ID, for example <c>Org1MSP</c>.</param>
    /// <param name="mspDirectory">The MSP folder (the one holding <c>signcerts</c> and <c>keystore</c>).</param>
    /// <exception cref="ArgumentException">The MSP ID is empty, or the folder lacks a certificate or a key that matches it.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder or one of its subfolders does not exist.</exception>
    public static MspCredentials LoadMspDirectory(string mspId, string mspDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        ArgumentException.ThrowIfNullOrEmpty(mspDirectory);
        var signcerts = Path.Combine(mspDirectory, "signcerts");
        var keystore = Path.Combine(mspDirectory, "keystore");
        if (!Directory.Exists(signcerts) || !Directory.Exists(keystore))
        {
            throw new DirectoryNotFoundException($"'{mspDirectory}' is not an MSP folder: it needs 'signcerts' and 'keystore' subfolders.");
        }

        var certificateFiles = Directory.GetFiles(signcerts, "*.pem");
        Array.Sort(certificateFiles, StringComparer.Ordinal);
        if (certificateFiles.Length == 0)
        {
            throw new ArgumentException($"No certificate (*.pem) in '{signcerts}'.", nameof(mspDirectory));
        }

        using var certificate = ReadCertificateFile(certificateFiles[0]);
        var keyFiles = Directory.GetFiles(keystore);
        Array.Sort(keyFiles, StringComparer.Ordinal);
        var candidates = keyFiles.Where(f => f.EndsWith("_sk", StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            candidates = keyFiles.ToList();
        }

        var unreadable = new List<string>();
        foreach (var file in candidates)
        {
            PrivateKey key;
            try
            {
                key = PrivateKey.FromPemFile(file);
            }
            catch (ArgumentException ex)
            {
                unreadable.Add($"{Path.GetFileName(file)}: {ex.InnerException?.Message ?? ex.Message}");
                continue;
            }

            using (key)
            {
                if (key.Matches(certificate))
                {
                    return new MspCredentials(new X509Identity(mspId, certificate), key.CreateSigner());
                }
            }
        }

        var why = new StringBuilder($"No private key in '{keystore}' matches the certificate {Path.GetFileName(certificateFiles[0])} ('{certificate.Subject}').");
        if (unreadable.Count > 0)
        {
            why.Append(" Unreadable files: ").AppendJoin("; ", unreadable).Append('.');
        }

        throw new ArgumentException(why.ToString(), nameof(mspDirectory));
    }
}
