using System.Globalization;
using System.Text;
using System.Text.Json;
using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract.Internal;

/// <summary>
/// Checks of the string arguments. Each refusal says which argument, what is wrong and what is allowed, and echoes at
/// most a short, escaped prefix of the value (arguments carry no personal data, but a message must not become a channel
/// for arbitrary text either).
/// </summary>
internal static class Input
{
    private const int MaxShown = 64;

    /// <summary>An identifier: 1 to 64 ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.</summary>
    public static string Id(string value, string name)
    {
        if (value.Length is 0 or > IdentityLimits.MaxIdLength)
        {
            throw Errors.InvalidArgument($"The {name} must be 1 to {IdentityLimits.MaxIdLength} ASCII letters, digits, '.', '_' and '-', starting with a letter or digit; it has {value.Length} characters.");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (!(char.IsAsciiLetterOrDigit(c) || (i > 0 && c is '.' or '_' or '-')))
            {
                throw Errors.InvalidArgument($"The {name} {Show(value)} has {Describe(c)} at index {i}; it must be ASCII letters, digits, '.', '_' and '-', starting with a letter or digit.");
            }
        }

        return value;
    }

    /// <summary>A URI such as <c>https://registry.example.com</c> or <c>urn:example:residence</c>: a scheme, ':', then visible ASCII without quotes, spaces, '\', '&lt;', '&gt;', '{', '}', '|', '^' or '`'.</summary>
    public static string Uri(string value, string name)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var ok = value.Length is > 2 and <= IdentityLimits.MaxUriLength && colon > 0 && colon < value.Length - 1 && char.IsAsciiLetter(value[0]);
        for (var i = 0; ok && i < value.Length; i++)
        {
            var c = value[i];
            ok = i < colon
                ? char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-'
                : c is > ' ' and < (char)0x7F and not ('"' or '\\' or '<' or '>' or '{' or '}' or '|' or '^' or '`');
        }

        return ok
            ? value
            : throw Errors.InvalidArgument($"The {name} {Show(value)} is not a URI: a scheme (letters, digits, '+', '.', '-'), ':', then up to {IdentityLimits.MaxUriLength} characters in all of visible ASCII without quotes, spaces, '\\', '<', '>', '{{', '}}', '|', '^' or '`'.");
    }

    /// <summary>A claim path: segments of ASCII letters, digits, '_', '.' and '-' (or '*' for every array element), separated by '/'.</summary>
    public static string ClaimPath(string value, string name)
    {
        var ok = value.Length is > 0 and <= IdentityLimits.MaxClaimPathLength;
        if (ok)
        {
            foreach (var segment in value.Split('/'))
            {
                ok &= segment == "*" || (segment.Length > 0 && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'));
            }
        }

        return ok
            ? value
            : throw Errors.InvalidArgument($"The {name} {Show(value)} is not a claim path: 1 to {IdentityLimits.MaxClaimPathLength} characters, segments of ASCII letters, digits, '_', '.', '-' (or '*' for every element of an array) separated by '/'.");
    }

    /// <summary>A code: 1 to 64 lowercase ASCII letters, digits and '-', starting with a letter.</summary>
    public static string Code(string value, string name)
    {
        var ok = value.Length is > 0 and <= IdentityLimits.MaxCodeLength && char.IsAsciiLetterLower(value[0])
            && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
        return ok
            ? value
            : throw Errors.InvalidArgument($"The {name} {Show(value)} is not a code: 1 to {IdentityLimits.MaxCodeLength} lowercase ASCII letters, digits and '-', starting with a letter (a code, never free text).");
    }

    /// <summary>A nonce: 1 to 256 visible ASCII characters.</summary>
    public static string Nonce(string value, string name) =>
        value.Length is > 0 and <= IdentityLimits.MaxNonceLength && value.All(c => c is > ' ' and < (char)0x7F)
            ? value
            : throw Errors.InvalidArgument($"The {name} must be 1 to {IdentityLimits.MaxNonceLength} visible ASCII characters.");

    /// <summary>A certificate fingerprint: 64 lowercase hex digits (SHA-256 of the DER certificate).</summary>
    public static string Fingerprint(string value, string name) =>
        value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? value
            : throw Errors.InvalidArgument($"The {name} {Show(value)} is not a certificate fingerprint: 64 lowercase hex digits, the SHA-256 of the DER certificate.");

    /// <summary>A compact JWS: three base64url parts, at most <paramref name="maxLength"/> characters.</summary>
    public static string CompactJws(string value, string name, int maxLength)
    {
        var ok = value.Length > 0 && value.Length <= maxLength && value.Count(c => c == '.') == 2
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return ok
            ? value
            : throw Errors.InvalidArgument($"The {name} is not a compact JWS of at most {maxLength} characters (three base64url parts separated by '.').");
    }

    /// <summary>A JSON object argument of at most <paramref name="maxLength"/> characters, read strictly into <typeparamref name="T"/>.</summary>
    public static T Json<T>(string value, string name, int maxLength)
    {
        if (value.Length > maxLength)
        {
            throw Errors.InvalidArgument($"The {name} is {value.Length} characters long; at most {maxLength} are allowed.");
        }

        try
        {
            return ChaincodeJson.Deserialize<T>(Encoding.UTF8.GetBytes(value));
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at {ex.Path}";
            throw Errors.InvalidArgument($"The {name} is not a valid {typeof(T).Name} JSON object{where}: every member is required unless documented as optional, and no other is allowed.");
        }
    }

    /// <summary>A JSON array of distinct strings, 1 to <paramref name="maxCount"/> long, each checked by <paramref name="item"/>; returned sorted.</summary>
    public static IReadOnlyList<string> StringArray(string value, string name, int maxCount, Func<string, string, string> item, bool allowEmpty = false)
    {
        var list = Json<List<string>>(value, name, maxCount * (IdentityLimits.MaxUriLength + 3) + 2);
        if ((list.Count == 0 && !allowEmpty) || list.Count > maxCount)
        {
            throw Errors.InvalidArgument($"The {name} must hold {(allowEmpty ? 0 : 1)} to {maxCount} entries; it has {list.Count}.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            item(list[i], $"{name}[{i}]");
        }

        var sorted = list.Order(StringComparer.Ordinal).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (string.Equals(sorted[i - 1], sorted[i], StringComparison.Ordinal))
            {
                throw Errors.InvalidArgument($"The {name} lists {Show(sorted[i])} twice.");
            }
        }

        return sorted;
    }

    /// <summary>An RFC 3339 timestamp with a time zone.</summary>
    public static FabricTimestamp Timestamp(string value, string name) =>
        FabricTimestamp.TryParse(value, out var timestamp)
            ? timestamp
            : throw Errors.InvalidArgument($"The {name} {Show(value)} is not an RFC 3339 timestamp such as 2030-01-01T00:00:00Z (a time zone is required).");

    public static int PageSize(string value, string name)
    {
        if (value.Length is 0 or > 3 || !value.All(char.IsAsciiDigit) || value[0] == '0'
            || int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) is < 1 or > IdentityLimits.MaxPageSize)
        {
            throw Errors.InvalidArgument($"The {name} {Show(value)} must be a whole number from 1 to {IdentityLimits.MaxPageSize}.");
        }

        return int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>One of an enum's names, exactly as written (no numbers, no other letter case).</summary>
    public static T Enum<T>(string value, string name)
        where T : struct, System.Enum =>
        System.Enum.GetNames<T>().Contains(value, StringComparer.Ordinal)
            ? System.Enum.Parse<T>(value)
            : throw Errors.InvalidArgument($"The {name} {Show(value)} is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");

    /// <summary>A value for a message: quoted, control and non-ASCII characters escaped, cut after 64 characters.</summary>
    public static string Show(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxShown) + 8).Append('"');
        for (var i = 0; i < value.Length && i < MaxShown; i++)
        {
            var c = value[i];
            if (c is < ' ' or > '~' or '"' or '\\')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        if (value.Length > MaxShown)
        {
            builder.Append('…');
        }

        return builder.Append('"').ToString();
    }

    private static string Describe(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
}
