using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FabricEvidence.Chaincode.Internal.Contracts;
using FabricEvidence.Protocol.Msp;
using Google.Protobuf;

namespace FabricEvidence.Chaincode;

/// <summary>
/// The identity of the client that signed a transaction proposal: its MSP id, its X.509 certificate, and the
/// attributes a Fabric CA put in that certificate. Base access-control decisions on this, never on arguments.
/// </summary>
/// <remarks>
/// Built from <see cref="IChaincodeStub.Creator"/>, a serialized <c>msp.SerializedIdentity</c> whose
/// <c>id_bytes</c> hold a PEM certificate. Idemix identities are not supported. Instances are immutable.
/// </remarks>
public sealed class ClientIdentity
{
    /// <summary>The OID of the certificate extension in which Fabric CA stores attributes as <c>{"attrs":{…}}</c>.</summary>
    public const string AttributesExtensionOid = "1.2.3.4.5.6.7.8.1";

    private readonly byte[] _certificateDer;
    private readonly byte[] _idBytes;
    private readonly IReadOnlyList<string> _organizationalUnits;

    private ClientIdentity(string mspId, byte[] idBytes, byte[] certificateDer, string subject, string issuer, IReadOnlyList<string> organizationalUnits, IReadOnlyDictionary<string, string> attributes)
    {
        MspId = mspId;
        _idBytes = idBytes;
        _certificateDer = certificateDer;
        Subject = subject;
        Issuer = issuer;
        _organizationalUnits = organizationalUnits;
        Attributes = attributes;
    }

    /// <summary>The MSP id of the client's organisation.</summary>
    public string MspId { get; }

    /// <summary>The certificate subject, rendered as Fabric's Go <c>cid</c> library renders it (for example <c>CN=alice,OU=client,O=Org1</c>).</summary>
    public string Subject { get; }

    /// <summary>The certificate issuer, rendered like <see cref="Subject"/>.</summary>
    public string Issuer { get; }

    /// <summary>The Fabric CA attributes of the certificate; empty when it has none.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>The identity bytes of the creator: the PEM-encoded certificate.</summary>
    public ReadOnlyMemory<byte> IdBytes => _idBytes;

    /// <summary>Parses the creator of a transaction.</summary>
    /// <param name="creator">A serialized <c>msp.SerializedIdentity</c>, as in <see cref="IChaincodeStub.Creator"/>.</param>
    /// <returns>The client identity.</returns>
    /// <exception cref="FormatException">The bytes are not a serialized identity holding a valid PEM X.509 certificate,
    /// or the certificate's attribute extension is not valid JSON.</exception>
    public static ClientIdentity FromCreator(ReadOnlySpan<byte> creator)
    {
        if (creator.IsEmpty)
        {
            throw new FormatException("The transaction has no creator identity.");
        }

        SerializedIdentity identity;
        try
        {
            identity = SerializedIdentity.Parser.ParseFrom(creator);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException("The transaction creator is not a valid msp.SerializedIdentity.", ex);
        }

        var idBytes = identity.IdBytes.ToByteArray();
        var der = DecodePemCertificate(idBytes);
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new FormatException("The creator's certificate cannot be parsed as X.509.", ex);
        }

        using (certificate)
        {
            var subjectDer = certificate.SubjectName.RawData;
            var subjectAttributes = DistinguishedNames.ReadAttributes(subjectDer);
            var organizationalUnits = subjectAttributes.TryGetValue("2.5.4.11", out var ous) ? ous.ToArray() : [];
            return new ClientIdentity(
                identity.Mspid,
                idBytes,
                der,
                DistinguishedNames.FormatLikeGo(subjectDer),
                DistinguishedNames.FormatLikeGo(certificate.IssuerName.RawData),
                organizationalUnits,
                ReadAttributes(certificate));
        }
    }

    /// <summary>
    /// A string that identifies the client within its MSP: base64 of UTF-8 <c>"x509::" + subject + "::" + issuer</c>,
    /// with both names rendered as <see cref="Subject"/> describes. This is the id Fabric's Go <c>cid.GetID</c>
    /// returns for the same certificate (Node's and Java's <c>getID</c> return other, unencoded forms).
    /// </summary>
    /// <returns>The id.</returns>
    public string GetId() => Convert.ToBase64String(Encoding.UTF8.GetBytes("x509::" + Subject + "::" + Issuer));

    /// <summary>The MSP id of the client's organisation (same as <see cref="MspId"/>).</summary>
    /// <returns>The MSP id.</returns>
    public string GetMspId() => MspId;

    /// <summary>The value of a Fabric CA attribute of the client's certificate.</summary>
    /// <param name="name">The attribute name, for example <c>hf.EnrollmentID</c> or <c>role</c>.</param>
    /// <returns>The value, or <see langword="null"/> when the certificate does not have the attribute.</returns>
    public string? GetAttributeValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Attributes.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>Whether the client's certificate has attribute <paramref name="name"/> equal (ordinally) to <paramref name="value"/>.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The required value.</param>
    /// <returns><see langword="true"/> when the attribute is present with exactly that value.</returns>
    public bool HasAttributeValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Equals(GetAttributeValue(name), value, StringComparison.Ordinal);
    }

    /// <summary>Fails the transaction unless the client's certificate has attribute <paramref name="name"/> equal to <paramref name="value"/>.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The required value.</param>
    /// <exception cref="ChaincodeException">The attribute is missing or has another value; the message says which.</exception>
    public void AssertAttributeValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var actual = GetAttributeValue(name);
        if (actual is null)
        {
            throw new ChaincodeException($"Access denied: the client's certificate has no attribute '{name}' (required value '{value}').");
        }

        if (!string.Equals(actual, value, StringComparison.Ordinal))
        {
            throw new ChaincodeException($"Access denied: the client's attribute '{name}' is '{actual}', not '{value}'.");
        }
    }

    /// <summary>Whether one of the organisational units (OU) in the certificate subject equals <paramref name="organizationalUnit"/>.</summary>
    /// <param name="organizationalUnit">The OU value, for example <c>client</c> or <c>admin</c>.</param>
    /// <returns><see langword="true"/> when the subject has that OU.</returns>
    public bool HasOUValue(string organizationalUnit)
    {
        ArgumentNullException.ThrowIfNull(organizationalUnit);
        return _organizationalUnits.Contains(organizationalUnit, StringComparer.Ordinal);
    }

    /// <summary>The client's certificate, as a new instance the caller owns and should dispose.</summary>
    /// <returns>The certificate.</returns>
    public X509Certificate2 GetX509Certificate() => X509CertificateLoader.LoadCertificate(_certificateDer);

    private static byte[] DecodePemCertificate(byte[] idBytes)
    {
        // PEM is ASCII; Latin-1 maps every byte to one char so positions stay exact and nothing throws.
        var text = Encoding.Latin1.GetString(idBytes);
        if (!PemEncoding.TryFind(text, out var fields))
        {
            throw new FormatException("The creator's identity bytes are not a PEM certificate (Idemix identities are not supported).");
        }

        var label = text.AsSpan()[fields.Label];
        if (!label.SequenceEqual("CERTIFICATE"))
        {
            throw new FormatException($"The creator's identity holds a PEM '{label}' block, not a CERTIFICATE.");
        }

        var der = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(text.AsSpan()[fields.Base64Data], der, out var written))
        {
            throw new FormatException("The creator's PEM certificate is not valid base64.");
        }

        return der[..written];
    }

    private static Dictionary<string, string> ReadAttributes(X509Certificate2 certificate)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var extension = certificate.Extensions.FirstOrDefault(e => e.Oid?.Value == AttributesExtensionOid);
        if (extension is null)
        {
            return attributes;
        }

        try
        {
            using var document = JsonDocument.Parse(extension.RawData);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The certificate's Fabric CA attribute extension is not a JSON object.");
            }

            if (!document.RootElement.TryGetProperty("attrs", out var attrs) || attrs.ValueKind == JsonValueKind.Null)
            {
                return attributes;
            }

            if (attrs.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The 'attrs' member of the certificate's Fabric CA attribute extension is not a JSON object.");
            }

            foreach (var attribute in attrs.EnumerateObject())
            {
                if (attribute.Value.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException($"The Fabric CA attribute '{attribute.Name}' is not a string.");
                }

                attributes[attribute.Name] = attribute.Value.GetString()!;
            }
        }
        catch (JsonException ex)
        {
            throw new FormatException("The certificate's Fabric CA attribute extension is not valid JSON.", ex);
        }

        return attributes;
    }
}
