using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace FabricEvidence.Evidence.Storage;

/// <summary>
/// The request-signature scheme <c>FE-SIG-1</c>: a request signed with the caller's Fabric enrollment key (ECDSA
/// P-256, SHA-256, DER signature as Fabric signs), for callers that cannot present their certificate by mutual TLS.
/// </summary>
/// <remarks>
/// <para>Headers: <see cref="CertificateHeader"/> (base64 DER certificate), <see cref="DateHeader"/> (RFC 3339 UTC,
/// within the service's clock skew, 5 minutes by default), <see cref="NonceHeader"/> (16 to 64 base64url characters,
/// never reused by a certificate within the skew window), <see cref="SignatureHeader"/> (base64 DER ECDSA signature).
/// The signature covers the UTF-8 bytes of <see cref="CanonicalString"/>: the scheme, method, request target, date,
/// nonce, a content line, and the values of the headers that steer the request (<c>Upload-Offset</c>,
/// <c>Upload-Length</c>, <c>Evidence-Access-Transaction</c>), one per line.</para>
/// <para>The content line is <c>UNSIGNED-PAYLOAD</c> for an upload (<c>PATCH</c>): an upload's bytes are bound by the
/// digest its submitter signed on the ledger, which the service checks before storing anything, so hashing them a
/// second time for the signature would only cost throughput. Every other request carries no body and says
/// <c>EMPTY</c>; the service refuses a body on them.</para>
/// </remarks>
public static class RequestSignature
{
    /// <summary>The scheme's name, the first line of the signed text and the <c>WWW-Authenticate</c> challenge.</summary>
    public const string Scheme = "FE-SIG-1";

    /// <summary>The signer's certificate, base64 DER.</summary>
    public const string CertificateHeader = "Evidence-Certificate";

    /// <summary>Intermediate CA certificates of the signer, base64 DER, comma-separated; optional.</summary>
    public const string CertificateChainHeader = "Evidence-Certificate-Chain";

    /// <summary>When the request was signed, RFC 3339 UTC (<c>2026-01-31T12:00:00Z</c>).</summary>
    public const string DateHeader = "Evidence-Date";

    /// <summary>A random value unique per request, 16 to 64 base64url characters.</summary>
    public const string NonceHeader = "Evidence-Nonce";

    /// <summary>The base64 DER ECDSA signature.</summary>
    public const string SignatureHeader = "Evidence-Signature";

    /// <summary>The content line of an upload.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>The content line of a request without a body.</summary>
    public const string EmptyPayload = "EMPTY";

    /// <summary>The text that is signed, lines joined by <c>\n</c> (no final newline).</summary>
    /// <param name="method">The HTTP method, upper case.</param>
    /// <param name="target">The request target as sent: path and query, percent-encoded.</param>
    /// <param name="date">The <see cref="DateHeader"/> value.</param>
    /// <param name="nonce">The <see cref="NonceHeader"/> value.</param>
    /// <param name="uploadOffset">The <c>Upload-Offset</c> header value, or null.</param>
    /// <param name="uploadLength">The <c>Upload-Length</c> header value, or null.</param>
    /// <param name="accessTransaction">The <c>Evidence-Access-Transaction</c> header value, or null.</param>
    public static string CanonicalString(string method, string target, string date, string nonce, string? uploadOffset, string? uploadLength, string? accessTransaction)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(target);
        var content = string.Equals(method, "PATCH", StringComparison.Ordinal) ? UnsignedPayload : EmptyPayload;
        return string.Join('\n', Scheme, method, target, date, nonce, content,
            "upload-offset:" + uploadOffset, "upload-length:" + uploadLength, "evidence-access-transaction:" + accessTransaction);
    }

    /// <summary>
    /// Signs a request: adds the certificate, date, nonce and signature headers. Call it last, after the
    /// <c>Upload-*</c> and <c>Evidence-Access-Transaction</c> headers are set.
    /// </summary>
    /// <param name="request">The request, with its absolute URI.</param>
    /// <param name="certificate">The signer's certificate.</param>
    /// <param name="privateKey">The signer's ECDSA P-256 private key.</param>
    /// <param name="now">The signing time; defaults to now.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The request has no absolute URI.</exception>
    public static void Sign(HttpRequestMessage request, X509Certificate2 certificate, ECDsa privateKey, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            throw new ArgumentException("The request needs an absolute URI to be signed.", nameof(request));
        }

        var date = (now ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var text = CanonicalString(request.Method.Method, uri.PathAndQuery, date, nonce,
            Header(request, "Upload-Offset"), Header(request, "Upload-Length"), Header(request, "Evidence-Access-Transaction"));
        var signature = privateKey.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        request.Headers.Remove(CertificateHeader);
        request.Headers.Remove(DateHeader);
        request.Headers.Remove(NonceHeader);
        request.Headers.Remove(SignatureHeader);
        request.Headers.Add(CertificateHeader, Convert.ToBase64String(certificate.RawData));
        request.Headers.Add(DateHeader, date);
        request.Headers.Add(NonceHeader, nonce);
        request.Headers.Add(SignatureHeader, Convert.ToBase64String(signature));
    }

    private static string? Header(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
