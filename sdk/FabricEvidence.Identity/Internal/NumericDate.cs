using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Internal;

/// <summary>JWT NumericDate (RFC 7519 section 2): seconds since the Unix epoch.</summary>
internal static class NumericDate
{
    public static long From(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static DateTimeOffset Truncate(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    /// <summary>Reads an optional NumericDate claim; a present claim that is not a number in range is an error.</summary>
    public static DateTimeOffset? Read(JsonObject claims, string name, SdJwtErrorCode codeIfInvalid, string where)
    {
        if (!claims.TryGetPropertyValue(name, out var node) || node is null)
        {
            if (node is null && claims.ContainsKey(name))
            {
                throw new SdJwtVerificationException(codeIfInvalid, $"The {where} claim '{name}' is null; it must be a NumericDate.");
            }

            return null;
        }

        if (node is JsonValue v && v.TryGetValue(out double seconds) && double.IsFinite(seconds)
            && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds));
        }

        throw new SdJwtVerificationException(codeIfInvalid, $"The {where} claim '{name}' is not a NumericDate (seconds since 1970 as a JSON number).");
    }
}
