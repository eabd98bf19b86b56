using System.Globalization;
using System.Text;
using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract.Internal;

/// <summary>
/// Checks and parses transaction arguments. Every parameter of the contract is a string so that each malformed value
/// is refused here with <see cref="EvidenceErrorCodes.InvalidArgument"/> (the runtime's own conversion errors carry no
/// code). Messages echo identifiers and digests, which are never personal data, but never free text: a description or
/// reason that is refused is not written to the peer's log either.
/// </summary>
internal static class Input
{
    private const int MaxShown = 64;

    /// <summary>An evidence id, hold id or MSP id: 1–64 of <c>[A-Za-z0-9._-]</c>, starting with a letter or digit.</summary>
    public static string Id(string value, string name) => Token(value, name, allowSlash: false);

    /// <summary>A case reference: as <see cref="Id"/>, and <c>/</c> is allowed too.</summary>
    public static string CaseReference(string value, string name) => Token(value, name, allowSlash: true);

    /// <summary>Single-line text: non-blank, at most <paramref name="maxLength"/>, no control or bidirectional formatting characters.</summary>
    public static string Text(string value, string name, int maxLength) => CheckText(value, name, maxLength, multiline: false);

    /// <summary>As <see cref="Text"/>, with line feeds, carriage returns and tabs allowed.</summary>
    public static string MultilineText(string value, string name, int maxLength) => CheckText(value, name, maxLength, multiline: true);

    public static string DigestAlgorithm(string value, string name) => value switch
    {
        DigestAlgorithms.Sha256 => DigestAlgorithms.Sha256,
        DigestAlgorithms.Sm3 => DigestAlgorithms.Sm3,
        _ => throw Errors.InvalidArgument($"The {name} {Show(value)} is not supported: use \"{DigestAlgorithms.Sha256}\" or \"{DigestAlgorithms.Sm3}\" (exactly so written)."),
    };

    /// <summary>A digest of <paramref name="algorithm"/>: 64 lowercase hex digits for both SHA-256 and SM3.</summary>
    public static string Digest(string value, string algorithm, string name)
    {
        if (value.Length != 64)
        {
            throw Errors.InvalidArgument($"The {name} must be 64 lowercase hex digits (a {algorithm} digest); it has {value.Length} characters.");
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]) && value[i] is not (>= 'a' and <= 'f'))
            {
                throw Errors.InvalidArgument($"The {name} must be 64 lowercase hex digits (a {algorithm} digest); {Show(value)} has {Describe(value[i])} at index {i}.");
            }
        }

        return value;
    }

    /// <summary>A size in bytes: decimal digits, no sign, no leading zero, at most <see cref="long.MaxValue"/>.</summary>
    public static long Size(string value, string name)
    {
        if (value.Length == 0 || value.Length > 19 || !value.All(char.IsAsciiDigit) || (value.Length > 1 && value[0] == '0')
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            throw Errors.InvalidArgument($"The {name} {Show(value)} is not a size in bytes: decimal digits without sign or leading zeros, at most {long.MaxValue}.");
        }

        return size;
    }

    /// <summary>A media type <c>type/subtype</c> (RFC 6838 restricted names, no parameters).</summary>
    public static string MediaType(string value, string name)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (value.Length > EvidenceLimits.MaxMediaTypeLength || slash < 0
            || !IsRestrictedName(value.AsSpan(0, slash)) || !IsRestrictedName(value.AsSpan(slash + 1)))
        {
            throw Errors.InvalidArgument($"The {name} {Show(value)} is not a media type such as image/jpeg: type and subtype of RFC 6838 (letters, digits and !#$&-^_.+, at most 127 each), no parameters.");
        }

        return value;
    }

    /// <summary>An RFC 3339 timestamp with a time zone, for example <c>2030-01-01T00:00:00Z</c>.</summary>
    public static FabricTimestamp Timestamp(string value, string name) =>
        FabricTimestamp.TryParse(value, out var timestamp)
            ? timestamp
            : throw Errors.InvalidArgument($"The {name} {Show(value)} is not an RFC 3339 timestamp such as 2030-01-01T00:00:00Z (a time zone, Z or ±hh:mm, is required).");

    public static int PageSize(string value, string name)
    {
        if (value.Length is 0 or > 3 || !value.All(char.IsAsciiDigit) || value[0] == '0'
            || int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture) is < 1 or > EvidenceLimits.MaxPageSize)
        {
            throw Errors.InvalidArgument($"The {name} {Show(value)} must be a whole number from 1 to {EvidenceLimits.MaxPageSize}.");
        }

        return int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>A state name, exactly as <see cref="EvidenceState"/> writes it (no numbers, no other letter case).</summary>
    public static EvidenceState State(string value, string name) => value switch
    {
        nameof(EvidenceState.Submitted) => EvidenceState.Submitted,
        nameof(EvidenceState.Stored) => EvidenceState.Stored,
        nameof(EvidenceState.Rejected) => EvidenceState.Rejected,
        nameof(EvidenceState.Disposed) => EvidenceState.Disposed,
        _ => throw Errors.InvalidArgument($"The {name} {Show(value)} is not a state: use Submitted, Stored, Rejected or Disposed."),
    };

    /// <summary>A salt of private details: 22–128 base64url or hex characters.</summary>
    public static void Salt(string value, string name)
    {
        if (value.Length is < EvidenceLimits.MinSaltLength or > EvidenceLimits.MaxSaltLength
            || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw Errors.InvalidArgument($"The {name} must be {EvidenceLimits.MinSaltLength} to {EvidenceLimits.MaxSaltLength} random base64url or hex characters (A-Z, a-z, 0-9, '-', '_').");
        }
    }

    /// <summary>A value for a message: quoted, control and invisible characters escaped, cut after 64 characters.</summary>
    public static string Show(string value)
    {
        var builder = new StringBuilder(Math.Min(value.Length, MaxShown) + 8).Append('"');
        for (var i = 0; i < value.Length && i < MaxShown; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsSurrogate(c) || IsInvisibleFormatting(c) || c == '"' || c == '\\')
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

    private static string Token(string value, string name, bool allowSlash)
    {
        var allowed = allowSlash ? "ASCII letters, digits, '.', '_', '-' and '/'" : "ASCII letters, digits, '.', '_' and '-'";
        if (value.Length is 0 or > EvidenceLimits.MaxIdLength)
        {
            throw Errors.InvalidArgument($"The {name} must be 1 to {EvidenceLimits.MaxIdLength} {allowed}, starting with a letter or digit; it has {value.Length} characters.");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var ok = char.IsAsciiLetterOrDigit(c) || (i > 0 && (c is '.' or '_' or '-' || (allowSlash && c == '/')));
            if (!ok)
            {
                throw Errors.InvalidArgument($"The {name} {Show(value)} has {Describe(c)} at index {i}; it must be 1 to {EvidenceLimits.MaxIdLength} {allowed}, starting with a letter or digit.");
            }
        }

        return value;
    }

    private static string CheckText(string value, string name, int maxLength, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Errors.InvalidArgument($"The {name} must not be empty or blank.");
        }

        if (value.Length > maxLength)
        {
            throw Errors.InvalidArgument($"The {name} is {value.Length} characters long; at most {maxLength} are allowed.");
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                throw Errors.InvalidArgument($"The {name} contains the control character {Describe(c)} at index {i}{(multiline ? "; only line breaks and tabs are allowed" : string.Empty)}.");
            }

            if (IsInvisibleFormatting(c))
            {
                throw Errors.InvalidArgument($"The {name} contains the formatting character {Describe(c)} at index {i}; bidirectional controls and line separators could make the text read differently from what is stored.");
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                throw Errors.InvalidArgument($"The {name} contains a lone surrogate {Describe(c)} at index {i}; it is not valid Unicode.");
            }
        }

        return value;
    }

    private static bool IsInvisibleFormatting(char c) => c is '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';

    private static bool IsRestrictedName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 127 || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('!' or '#' or '$' or '&' or '-' or '^' or '_' or '.' or '+'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Describe(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
}
