using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// A certificate with what the verifier needs from it, read once: its DER, fingerprint, organisational units, the
/// Fabric CA <c>role</c> attribute, its key for verifying signatures, and whether it is a CA.
/// </summary>
internal sealed class CertificateInfo : IDisposable
{
    /// <summary>The X.509 extension in which Fabric CA writes attributes as JSON <c>{"attrs":{...}}</c>.</summary>
    public const string AttributesOid = "1.2.3.4.5.6.7.8.1";

    private const string OrganizationalUnitOid = "2.5.4.11";

    private ECDsa? _ecdsa;
    private bool _ecdsaLoaded;
    private BigInteger? _halfOrder;

    private CertificateInfo(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Der = certificate.RawData;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Der));
        OrganizationalUnits = ReadOrganizationalUnits(certificate);
        Role = ReadRoleAttribute(certificate);
        IsCertificateAuthority = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);
    }

    public X509Certificate2 Certificate { get; }

    public byte[] Der { get; }

    public string Fingerprint { get; }

    public IReadOnlyList<string> OrganizationalUnits { get; }

    public string? Role { get; }

    public bool IsCertificateAuthority { get; }

    public string Subject => Certificate.Subject;

    public string Issuer => Certificate.Issuer;

    /// <summary>Parses one PEM or DER certificate; null with a reason when it is neither.</summary>
    public static CertificateInfo? TryParse(ReadOnlySpan<byte> pemOrDer, out string? error)
    {
        try
        {
            var der = PemToDer(pemOrDer) ?? pemOrDer.ToArray();
            error = null;
            return new CertificateInfo(X509CertificateLoader.LoadCertificate(der));
        }
        catch (CryptographicException e)
        {
            error = $"not an X.509 certificate ({e.Message})";
            return null;
        }
    }

    /// <summary>Every certificate in a PEM text (MSP configurations hold one per entry, but a PEM file may hold more).</summary>
    public static List<CertificateInfo> ParseAll(ReadOnlySpan<byte> pem, List<string> errors)
    {
        var result = new List<CertificateInfo>();
        var text = Encoding.ASCII.GetString(pem).AsSpan();
        var found = false;
        while (PemEncoding.TryFind(text, out var fields))
        {
            found = true;
            if (text[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    var der = Convert.FromBase64String(text[fields.Base64Data].ToString());
                    result.Add(new CertificateInfo(X509CertificateLoader.LoadCertificate(der)));
                }
                catch (Exception e) when (e is CryptographicException or FormatException)
                {
                    errors.Add($"a certificate cannot be read ({e.Message})");
                }
            }

            text = text[fields.Location.End..];
        }

        if (!found)
        {
            errors.Add("a certificate entry holds no PEM certificate");
        }

        return result;
    }

    public static byte[]? PemToDer(ReadOnlySpan<byte> pem)
    {
        var text = Encoding.ASCII.GetString(pem);
        if (!PemEncoding.TryFind(text, out var fields))
        {
            return null;
        }

        return Convert.FromBase64String(text[fields.Base64Data]);
    }

    /// <summary>The certificate's ECDSA public key, or null for another kind of key.</summary>
    public ECDsa? EcdsaKey
    {
        get
        {
            if (!_ecdsaLoaded)
            {
                _ecdsaLoaded = true;
                try
                {
                    _ecdsa = Certificate.GetECDsaPublicKey();
                }
                catch (CryptographicException)
                {
                    _ecdsa = null;
                }
            }

            return _ecdsa;
        }
    }

    /// <summary>Half the order of the key's curve: Fabric rejects ECDSA signatures whose s exceeds it.</summary>
    public BigInteger HalfOrder
    {
        get
        {
            if (_halfOrder is null)
            {
                var order = EcdsaKey!.ExportExplicitParameters(false).Curve.Order!;
                _halfOrder = new BigInteger(order, isUnsigned: true, isBigEndian: true) >> 1;
            }

            return _halfOrder.Value;
        }
    }

    public void Dispose()
    {
        _ecdsa?.Dispose();
        Certificate.Dispose();
    }

    private static string[] ReadOrganizationalUnits(X509Certificate2 certificate)
    {
        var units = new List<string>();
        foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
        {
            if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == OrganizationalUnitOid && rdn.GetSingleElementValue() is { } value)
            {
                units.Add(value);
            }
        }

        return [.. units];
    }

    private static string? ReadRoleAttribute(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != AttributesOid)
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(extension.RawData);
                return json.RootElement.ValueKind == JsonValueKind.Object
                    && json.RootElement.TryGetProperty("attrs", out var attrs)
                    && attrs.ValueKind == JsonValueKind.Object
                    && attrs.TryGetProperty("role", out var role)
                    && role.ValueKind == JsonValueKind.String
                        ? role.GetString()
                        : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The subject key identifier, or null.</summary>
    public byte[]? SubjectKeyIdentifier =>
        Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes.ToArray();

    /// <summary>Reads a DER ECDSA signature strictly: SEQUENCE { INTEGER r, INTEGER s }, both positive, nothing after.</summary>
    public static bool TryReadEcdsaSignature(ReadOnlySpan<byte> signature, out BigInteger r, out BigInteger s)
    {
        r = default;
        s = default;
        try
        {
            AsnDecoder.ReadSequence(signature, AsnEncodingRules.DER, out var contentOffset, out var contentLength, out var consumed);
            if (consumed != signature.Length)
            {
                return false;
            }

            var content = signature.Slice(contentOffset, contentLength);
            r = AsnDecoder.ReadInteger(content, AsnEncodingRules.DER, out var first);
            s = AsnDecoder.ReadInteger(content[first..], AsnEncodingRules.DER, out var second);
            return first + second == content.Length && r.Sign > 0 && s.Sign > 0;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }
}
