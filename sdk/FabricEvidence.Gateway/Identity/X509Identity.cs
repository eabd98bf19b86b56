using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FabricEvidence.Gateway;

/// <summary>An X.509 identity: an MSP ID and a certificate issued by one of that MSP's CAs.</summary>
public sealed class X509Identity : IIdentity
{
    private readonly byte[] _credentials;

    /// <summary>Creates an identity from a certificate.</summary>
    /// <param name="mspId">The MSP ID, for example <c>Org1MSP</c>.</param>
    /// <param name="certificate">The identity's certificate. The identity keeps its own copy.</param>
    /// <exception cref="ArgumentException"><paramref name="mspId"/> is empty.</exception>
    public X509Identity(string mspId, X509Certificate2 certificate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mspId);
        ArgumentNullException.ThrowIfNull(certificate);
        MspId = mspId;
        Certificate = X509CertificateLoader.LoadCertificate(certificate.RawData);
        _credentials = Encoding.ASCII.GetBytes(Identities.ToPem(Certificate));
    }

    /// <summary>The MSP ID.</summary>
    public string MspId { get; }

    /// <summary>The certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// The certificate in PEM form, as Fabric's Go and Java clients write it: 64-character base64 lines and a final
    /// newline. Fabric's MSP decodes any valid PEM, so this normalisation only makes the bytes predictable.
    /// </summary>
    public ReadOnlyMemory<byte> Credentials => _credentials;

    /// <summary>Creates an identity from a PEM-encoded certificate.</summary>
    /// <exception cref="ArgumentException">The MSP ID is empty or the text holds no readable certificate.</exception>
    public static X509Identity FromPem(string mspId, string certificatePem)
    {
        using var certificate = Identities.ReadCertificate(certificatePem);
        return new X509Identity(mspId, certificate);
    }

    /// <summary>Creates an identity from a PEM certificate file.</summary>
    /// <exception cref="ArgumentException">The MSP ID is empty or the file holds no readable certificate.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static X509Identity FromPemFile(string mspId, string certificatePath)
    {
        using var certificate = Identities.ReadCertificateFile(certificatePath);
        return new X509Identity(mspId, certificate);
    }

    /// <inheritdoc />
    public override string ToString() => $"{MspId}: {Certificate.Subject}";
}
