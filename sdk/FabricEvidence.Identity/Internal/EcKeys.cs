using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace FabricEvidence.Identity.Internal;

/// <summary>P-256 keys as JWKs (RFC 7517/7518) and their RFC 7638 thumbprints.</summary>
internal static class EcKeys
{
    public const string CurveName = "P-256";
    public const int CoordinateLength = 32;

    public static bool IsP256(ECDsa key)
    {
        var curve = key.ExportParameters(false).Curve;
        return curve.IsNamed && (curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value
            || string.Equals(curve.Oid.FriendlyName, "nistP256", StringComparison.OrdinalIgnoreCase)
            || string.Equals(curve.Oid.FriendlyName, "ECDSA_P256", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The public JWK of a P-256 key: exactly kty, crv, x and y.</summary>
    public static JsonObject PublicJwk(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = CurveName,
            ["x"] = Base64Url.Encode(q.X),
            ["y"] = Base64Url.Encode(q.Y),
        };
    }

    /// <summary>RFC 7638 thumbprint (SHA-256, base64url) computed by IdentityModel from the required EC members.</summary>
    public static string Thumbprint(JsonObject publicJwk)
    {
        var jwk = new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
            Crv = (string)publicJwk["crv"]!,
            X = (string)publicJwk["x"]!,
            Y = (string)publicJwk["y"]!,
        };
        return Base64Url.Encode(jwk.ComputeJwkThumbprint());
    }

    /// <summary>Imports a public P-256 JWK; null with a reason when it is not one (including a point off the curve).</summary>
    public static ECDsa? TryImportPublic(JsonObject jwk, out string reason)
    {
        if (jwk["kty"] is not JsonValue kty || !kty.TryGetValue(out string? ktyText) || ktyText != "EC")
        {
            reason = "kty must be \"EC\"";
            return null;
        }

        if (jwk["crv"] is not JsonValue crv || !crv.TryGetValue(out string? crvText) || crvText != CurveName)
        {
            reason = "crv must be \"P-256\"";
            return null;
        }

        if (jwk.ContainsKey("d"))
        {
            reason = "the JWK contains a private key (d); only the public key may be shared";
            return null;
        }

        if (!TryCoordinate(jwk, "x", out var x) || !TryCoordinate(jwk, "y", out var y))
        {
            reason = "x and y must be base64url-encoded 32-byte coordinates";
            return null;
        }

        try
        {
            var key = ECDsa.Create();
            try
            {
                key.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } });
            }
            catch
            {
                key.Dispose();
                throw;
            }

            reason = string.Empty;
            return key;
        }
        catch (CryptographicException)
        {
            reason = "the point (x, y) is not on the P-256 curve";
            return null;
        }
    }

    private static bool TryCoordinate(JsonObject jwk, string name, out byte[] value)
    {
        value = [];
        return jwk[name] is JsonValue v && v.TryGetValue(out string? text)
            && Base64Url.TryDecode(text, out value) && value.Length == CoordinateLength;
    }

    public static bool SamePublicKey(ECDsa a, ECDsa b)
    {
        var pa = a.ExportParameters(false).Q;
        var pb = b.ExportParameters(false).Q;
        return pa.X.AsSpan().SequenceEqual(pb.X) && pa.Y.AsSpan().SequenceEqual(pb.Y);
    }
}
