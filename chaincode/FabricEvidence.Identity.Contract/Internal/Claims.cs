using System.Globalization;

namespace FabricEvidence.Identity.Contract.Internal;

/// <summary>Claim paths as credential types list them: array positions become '*'.</summary>
internal static class Claims
{
    /// <summary>Claims the SD-JWT VC layer sets itself; never part of a credential type.</summary>
    public static readonly IReadOnlySet<string> Registered = new HashSet<string>(StringComparer.Ordinal)
    {
        "iss", "iat", "nbf", "exp", "cnf", "vct", "status", "sub", "jti", "aud", "_sd", "_sd_alg", "...",
    };

    /// <summary><c>nationalities/0</c> becomes <c>nationalities/*</c>: a type names arrays, not positions.</summary>
    public static string Normalize(string path) =>
        string.Join('/', path.Split('/').Select(s => s.Length > 0 && s.All(char.IsAsciiDigit) ? "*" : s));

    /// <summary>The top-level claim name of a path.</summary>
    public static string Top(string path) => path.Split('/')[0];

    /// <summary>Whether <paramref name="path"/> is <paramref name="allowed"/> or lies below it.</summary>
    public static bool Covers(string allowed, string path) =>
        string.Equals(allowed, path, StringComparison.Ordinal)
        || (path.Length > allowed.Length && path[allowed.Length] == '/' && path.StartsWith(allowed, StringComparison.Ordinal));

    public static string Describe(int count) => count.ToString(CultureInfo.InvariantCulture);
}
