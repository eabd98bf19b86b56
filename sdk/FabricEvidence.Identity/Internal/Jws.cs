using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FabricEvidence.Identity.Internal;

/// <summary>A compact JWS split into its parts, with header and payload decoded strictly. Not yet verified.</summary>
internal sealed class ParsedJws
{
    public required JsonObject Header { get; init; }

    public required JsonObject Payload { get; init; }

    /// <summary>ASCII(BASE64URL(header) '.' BASE64URL(payload)), what the signature covers.</summary>
    public required string SigningInput { get; init; }

    public required byte[] Signature { get; init; }

    public string? Algorithm => Header["alg"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public string? Type => Header["typ"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}

/// <summary>
/// ES256 compact JWS through Microsoft.IdentityModel: the library signs (JsonWebTokenHandler with the payload passed as
/// text, so the claims are exactly the bytes we built) and checks signatures (its ES256 signature provider). Parsing is
/// ours because the SD-JWT layer needs the exact encoded parts and a JSON reader that refuses duplicate names.
/// </summary>
internal static class Jws
{
    public const string Es256 = SecurityAlgorithms.EcdsaSha256;

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>
    /// A security key for <paramref name="key"/> with its own provider factory and no provider cache: IdentityModel's
    /// shared cache is keyed by the public key's thumbprint and would hand a later key object the provider of an
    /// earlier, possibly disposed, one with the same key material.
    /// </summary>
    public static ECDsaSecurityKey SecurityKey(ECDsa key) => new(key)
    {
        CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false },
    };

    /// <summary>Signs <paramref name="payloadJson"/> with ES256; the header has alg, typ and, when given, x5c.</summary>
    public static string Sign(ECDsaSecurityKey key, string type, string payloadJson, IReadOnlyList<string>? x5c = null)
    {
        var header = new Dictionary<string, object> { [JwtHeaderParameterNames.Typ] = type };
        if (x5c is not null)
        {
            header[JwtHeaderParameterNames.X5c] = x5c.ToList();
        }

        var credentials = new SigningCredentials(key, Es256) { CryptoProviderFactory = key.CryptoProviderFactory };
        return Handler.CreateToken(payloadJson, credentials, header);
    }

    /// <summary>Splits and decodes a compact JWS; null with a reason when it is not one.</summary>
    public static ParsedJws? TryParse(string compact, out string reason)
    {
        var parts = compact.Split('.');
        if (parts.Length != 3)
        {
            reason = $"a compact JWS has 3 dot-separated parts, this has {parts.Length}";
            return null;
        }

        if (!Base64Url.TryDecode(parts[0], out var headerBytes) || StrictJson.TryParseObject(headerBytes) is not { } header)
        {
            reason = "the JWS header is not base64url-encoded JSON object text without duplicate names";
            return null;
        }

        if (!Base64Url.TryDecode(parts[1], out var payloadBytes) || StrictJson.TryParseObject(payloadBytes) is not { } payload)
        {
            reason = "the JWS payload is not base64url-encoded JSON object text without duplicate names";
            return null;
        }

        if (!Base64Url.TryDecode(parts[2], out var signature) || signature.Length == 0)
        {
            reason = "the JWS signature is missing or not base64url";
            return null;
        }

        if (header["crit"] is not null)
        {
            // RFC 7515 section 4.1.11: a critical extension we do not understand makes the JWS invalid.
            reason = "the JWS header lists critical extensions (crit), which are not supported";
            return null;
        }

        reason = string.Empty;
        return new ParsedJws
        {
            Header = header,
            Payload = payload,
            SigningInput = string.Concat(parts[0], ".", parts[1]),
            Signature = signature,
        };
    }

    /// <summary>Checks an ES256 signature over the signing input with <paramref name="publicKey"/>.</summary>
    public static bool Verify(ParsedJws jws, ECDsaSecurityKey publicKey)
    {
        var factory = publicKey.CryptoProviderFactory;
        var provider = factory.CreateForVerifying(publicKey, Es256);
        try
        {
            return provider.Verify(Encoding.ASCII.GetBytes(jws.SigningInput), jws.Signature);
        }
        finally
        {
            factory.ReleaseSignatureProvider(provider);
        }
    }
}
