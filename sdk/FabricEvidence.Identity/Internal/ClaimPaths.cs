using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Internal;

/// <summary>
/// Claim paths as the public API spells them: names separated by '/', array positions as decimal numbers, '*' for every
/// element of an array (issuance only), and inside a name '~1' for '/' and '~0' for '~' (the escapes of JSON Pointer,
/// RFC 6901). A top-level claim's path is its name.
/// </summary>
internal static class ClaimPaths
{
    public const string AllElements = "*";

    public static string Join(string parent, string name) =>
        parent.Length == 0 ? Escape(name) : string.Concat(parent, "/", Escape(name));

    public static string Join(string parent, int index) =>
        Join(parent, index.ToString(CultureInfo.InvariantCulture));

    public static string Escape(string name) =>
        name.Contains('~', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal)
            ? name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : name;

    public static IReadOnlyList<string> Split(string path)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '/')
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else if (c == '~' && i + 1 < path.Length && path[i + 1] is '0' or '1')
            {
                current.Append(path[i + 1] == '0' ? '~' : '/');
                i++;
            }
            else
            {
                current.Append(c);
            }
        }

        segments.Add(current.ToString());
        return segments;
    }

    /// <summary>
    /// Every path present in <paramref name="claims"/>: each property, each array position, and <c>parent/*</c> for
    /// each array. A credential type lists the paths a credential <em>may</em> hold; the issuer discloses those present.
    /// </summary>
    public static HashSet<string> Present(JsonObject claims)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        AddObject(claims, string.Empty, paths);
        return paths;
    }

    private static void AddObject(JsonObject source, string path, HashSet<string> paths)
    {
        foreach (var (name, value) in source)
        {
            AddValue(value, Join(path, name), paths);
        }
    }

    private static void AddValue(JsonNode? value, string path, HashSet<string> paths)
    {
        paths.Add(path);
        if (value is JsonObject o)
        {
            AddObject(o, path, paths);
        }
        else if (value is JsonArray a)
        {
            paths.Add(Join(path, AllElements));
            for (var i = 0; i < a.Count; i++)
            {
                AddValue(a[i], Join(path, i), paths);
            }
        }
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsSelfOrBelow(string path, string ancestor) =>
        path.Length == ancestor.Length
            ? string.Equals(path, ancestor, StringComparison.Ordinal)
            : path.Length > ancestor.Length && path[ancestor.Length] == '/' && path.StartsWith(ancestor, StringComparison.Ordinal);
}
