using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Internal;

/// <summary>
/// The issuer's side of RFC 9901 section 4.2: turns the listed claims into disclosures, leaving their digests in
/// <c>_sd</c> (sorted, so the order of claims does not show) or as <c>{"...": digest}</c> array elements. Inner claims are
/// packed first, so a disclosable object may itself hold disclosable claims (recursive disclosure).
/// </summary>
internal sealed class DisclosurePacker
{
    private readonly IReadOnlySet<string> _paths;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly List<Disclosure> _disclosures = [];

    // The request's property the caller named, for argument errors about claims.
    private static readonly string ClaimsArgument = "request.Claims";
    private static readonly string PathsArgument = "request.SelectivelyDisclosable";

    private DisclosurePacker(IReadOnlySet<string> paths)
    {
        _paths = paths;
    }

    public static (JsonObject Packed, IReadOnlyList<Disclosure> Disclosures) Pack(JsonObject claims, IReadOnlyCollection<string> selectivelyDisclosable, int decoys)
    {
        var paths = selectivelyDisclosable.ToHashSet(StringComparer.Ordinal);
        var packer = new DisclosurePacker(paths);
        var packed = packer.PackObject(claims, string.Empty, decoys);
        var unused = paths.Where(p => !packer._used.Contains(p)).Order(StringComparer.Ordinal).FirstOrDefault();
        if (unused is not null)
        {
            throw new ArgumentException($"The selectively disclosable claim '{unused}' is not among the claims.", PathsArgument);
        }

        return (packed, packer._disclosures);
    }

    private JsonObject PackObject(JsonObject source, string path, int decoys)
    {
        var result = new JsonObject();
        var digests = new List<string>();
        foreach (var (name, value) in source)
        {
            if (name is SdJwtNames.Digests or SdJwtNames.DigestAlgorithm or SdJwtNames.ArrayDigest)
            {
                throw new ArgumentException($"The claim name '{name}' is reserved by SD-JWT (at '{ClaimPaths.Join(path, name)}').", ClaimsArgument);
            }

            var childPath = ClaimPaths.Join(path, name);
            var packed = PackValue(value, childPath);
            if (_paths.Contains(childPath))
            {
                _used.Add(childPath);
                var disclosure = Disclosure.ForProperty(name, packed);
                _disclosures.Add(disclosure);
                digests.Add(disclosure.Digest);
            }
            else
            {
                result[name] = packed;
            }
        }

        for (var i = 0; i < decoys; i++)
        {
            digests.Add(Base64Url.Encode(SHA256.HashData(RandomNumberGenerator.GetBytes(Disclosure.SaltBytes))));
        }

        if (digests.Count > 0)
        {
            digests.Sort(StringComparer.Ordinal);
            result[SdJwtNames.Digests] = new JsonArray(digests.Select(d => (JsonNode?)d).ToArray());
        }

        return result;
    }

    private JsonArray PackArray(JsonArray source, string path)
    {
        var result = new JsonArray();
        var all = ClaimPaths.Join(path, ClaimPaths.AllElements);
        if (_paths.Contains(all))
        {
            _used.Add(all);
        }

        for (var i = 0; i < source.Count; i++)
        {
            var childPath = ClaimPaths.Join(path, i);
            var packed = PackValue(source[i], childPath);
            if (_paths.Contains(childPath) || _paths.Contains(all))
            {
                _used.Add(childPath);
                var disclosure = Disclosure.ForArrayElement(packed);
                _disclosures.Add(disclosure);
                result.Add(new JsonObject { [SdJwtNames.ArrayDigest] = disclosure.Digest });
            }
            else
            {
                result.Add(packed);
            }
        }

        return result;
    }

    private JsonNode? PackValue(JsonNode? value, string path) => value switch
    {
        JsonObject o => PackObject(o, path, decoys: 0),
        JsonArray a => PackArray(a, path),
        _ => value?.DeepClone(),
    };
}
