using FabricEvidence.Evidence.Storage;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Encodings.Web;
using FabricEvidence.Evidence.StorageService.Internal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Authentication;

/// <summary>
/// Authenticates a caller by its Fabric certificate: presented by mutual TLS, or carried in a request signed with its
/// key (<see cref="RequestSignature"/>). A request that tries either and fails is refused with the reason; a request
/// with neither is anonymous and refused by the endpoints.
/// </summary>
internal sealed class FabricAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    FabricCertificateValidator validator,
    NonceCache nonces,
    IOptions<FabricTrustOptions> trust,
    TimeProvider time,
    ProblemWriter problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Fabric";

    private const string FailureItem = "fabric-authentication-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.ContainsKey(RequestSignature.SignatureHeader))
        {
            return Result(AuthenticateSigned());
        }

        var certificate = await Context.Connection.GetClientCertificateAsync(Context.RequestAborted).ConfigureAwait(false);
        if (certificate is null)
        {
            return AuthenticateResult.NoResult();
        }

        var (identity, failure) = validator.Validate(certificate);
        return Result(identity is not null ? (identity, null) : (null, "The TLS client certificate was refused: " + failure));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Items[FailureItem] as string
            ?? $"Authenticate with your Fabric certificate: by mutual TLS, or by signing the request ({RequestSignature.Scheme}).";
        Response.Headers.WWWAuthenticate = RequestSignature.Scheme;
        return problems.WriteAsync(Context, Refusal.Unauthenticated(failure));
    }

    private AuthenticateResult Result((FabricIdentity? Identity, string? Failure) outcome)
    {
        if (outcome.Identity is { } identity)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(identity.ToPrincipal(SchemeName), SchemeName));
        }

        Context.Items[FailureItem] = outcome.Failure;
        return AuthenticateResult.Fail(outcome.Failure!);
    }

    private (FabricIdentity?, string?) AuthenticateSigned()
    {
        var headers = Request.Headers;
        string? One(string name) => headers.TryGetValue(name, out var v) && v.Count == 1 ? v[0] : null;
        var certificateText = One(RequestSignature.CertificateHeader);
        var date = One(RequestSignature.DateHeader);
        var nonce = One(RequestSignature.NonceHeader);
        var signatureText = One(RequestSignature.SignatureHeader);
        if (certificateText is null || date is null || nonce is null || signatureText is null)
        {
            return (null, $"A signed request needs exactly one each of {RequestSignature.CertificateHeader}, {RequestSignature.DateHeader}, {RequestSignature.NonceHeader} and {RequestSignature.SignatureHeader}.");
        }

        if (!DateTimeOffset.TryParseExact(date, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return (null, $"{RequestSignature.DateHeader} must be RFC 3339 UTC to the second, like 2026-01-31T12:00:00Z.");
        }

        var skew = trust.Value.SignatureClockSkew;
        if ((time.GetUtcNow() - signedAt).Duration() > skew)
        {
            return (null, $"The request was signed at {date}, more than {skew.TotalMinutes:0.#} minutes from the service's clock; sign it again now (and check your clock).");
        }

        if (nonce.Length is < 16 or > 64 || !nonce.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return (null, $"{RequestSignature.NonceHeader} must be 16 to 64 base64url characters.");
        }

        X509Certificate2 certificate;
        byte[] signature;
        X509Certificate2Collection? chain = null;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificateText));
            signature = Convert.FromBase64String(signatureText);
            if (One(RequestSignature.CertificateChainHeader) is { } chainText)
            {
                chain = [.. chainText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => X509CertificateLoader.LoadCertificate(Convert.FromBase64String(c)))];
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return (null, $"{RequestSignature.CertificateHeader}, {RequestSignature.CertificateChainHeader} and {RequestSignature.SignatureHeader} must be base64 (DER certificates, DER signature).");
        }

        using (certificate)
        {
            var (identity, failure) = validator.Validate(certificate, chain);
            if (identity is null)
            {
                return (null, "The signing certificate was refused: " + failure);
            }

            using var key = certificate.GetECDsaPublicKey()!;
            if (key.KeySize != 256)
            {
                return (null, $"{RequestSignature.Scheme} signatures are ECDSA P-256; the certificate's key has {key.KeySize} bits.");
            }

            var target = Context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (Request.PathBase + Request.Path + Request.QueryString).ToString();
            var text = RequestSignature.CanonicalString(Request.Method, target, date, nonce,
                One("Upload-Offset"), One("Upload-Length"), One(StorageHeaders.AccessTransaction));
            if (!key.VerifyData(Encoding.UTF8.GetBytes(text), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
            {
                return (null, $"The request signature does not verify with the certificate's key: sign '{RequestSignature.Scheme}' text of this method, target, date, nonce and headers.");
            }

            // Only after the signature verified: an attacker must not be able to burn a genuine caller's nonces.
            if (!nonces.TryUse(identity.CertificateFingerprint, nonce))
            {
                return (null, "This request was already received (its nonce was used): a replay. Sign every request with a new nonce.");
            }

            return (identity, null);
        }
    }
}
