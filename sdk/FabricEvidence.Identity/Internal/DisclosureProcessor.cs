using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Internal;

/// <summary>A disclosure with the claim path it fills in.</summary>
internal sealed record PlacedDisclosure(Disclosure Disclosure, string Path);

/// <summary>The claims of an SD-JWT after its disclosures have been put in place.</summary>
internal sealed record ProcessedClaims(JsonObject Claims, IReadOnlyList<PlacedDisclosure> Placed);

/// <summary>
/// RFC 9901 section 7.1 steps 3 to 5: replaces the digests in <c>_sd</c> arrays and <c>{"...": digest}</c> array elements
/// by the claims of the matching disclosures, recursively, and removes the digests nobody disclosed. Refuses a digest
/// seen twice, a disclosure presented twice or referenced nowhere, a disclosed name that already exists, a property
/// disclosure in an array or an element disclosure in an object.
/// </summary>
internal sealed class DisclosureProcessor
{
    private const int MaxNesting = 64;

    private readonly Dictionary<string, Disclosure> _byDigest = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenDigests = new(StringComparer.Ordinal);
    private readonly List<PlacedDisclosure> _placed = [];

    private DisclosureProcessor()
    {
    }

    public static ProcessedClaims Process(JsonObject payload, IReadOnlyList<Disclosure> disclosures)
    {
        var processor = new DisclosureProcessor();
        for (var i = 0; i < disclosures.Count; i++)
        {
            if (!processor._byDigest.TryAdd(disclosures[i].Digest, disclosures[i]))
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.DuplicateDigest, $"Disclosure #{i + 1} is presented more than once.");
            }
        }

        var claims = processor.ProcessObject(payload, string.Empty, topLevel: true, depth: 0);
        if (processor._placed.Count != disclosures.Count)
        {
            var placed = processor._placed.Select(p => p.Disclosure.Digest).ToHashSet(StringComparer.Ordinal);
            var index = disclosures.ToList().FindIndex(d => !placed.Contains(d.Digest));
            throw new SdJwtVerificationException(SdJwtErrorCode.DisclosureMismatch,
                $"Disclosure #{index + 1} is not referenced by any digest in the issuer-signed JWT: it was altered or belongs to another credential.");
        }

        return new ProcessedClaims(claims, processor._placed);
    }

    private JsonObject ProcessObject(JsonObject source, string path, bool topLevel, int depth)
    {
        if (depth > MaxNesting)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge, $"Claims nest deeper than {MaxNesting} levels at '{path}'.");
        }

        var result = new JsonObject();
        foreach (var (name, value) in source)
        {
            if (name == SdJwtNames.Digests || (topLevel && name == SdJwtNames.DigestAlgorithm))
            {
                continue;
            }

            if (name is SdJwtNames.ArrayDigest or SdJwtNames.DigestAlgorithm)
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"The reserved name '{name}' appears as a claim at '{ClaimPaths.Join(path, name)}'.");
            }

            result[name] = ProcessValue(value, ClaimPaths.Join(path, name), depth + 1);
        }

        if (!source.TryGetPropertyValue(SdJwtNames.Digests, out var digests))
        {
            return result;
        }

        if (digests is not JsonArray array)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"'_sd' at '{DisplayPath(path)}' is not an array.");
        }

        foreach (var item in array)
        {
            var digest = DigestText(item, path);
            if (!_byDigest.TryGetValue(digest, out var disclosure))
            {
                continue;
            }

            if (disclosure.IsArrayElement)
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.DisclosureMismatch,
                    $"An array element disclosure is referenced from the object at '{DisplayPath(path)}'.");
            }

            var name = disclosure.ClaimName!;
            if (result.ContainsKey(name))
            {
                throw new SdJwtVerificationException(SdJwtErrorCode.DuplicateClaim,
                    $"The disclosed claim '{ClaimPaths.Join(path, name)}' already exists in the object.");
            }

            var childPath = ClaimPaths.Join(path, name);
            _placed.Add(new PlacedDisclosure(disclosure, childPath));
            result[name] = ProcessValue(disclosure.ValueNode, childPath, depth + 1);
        }

        return result;
    }

    private JsonArray ProcessArray(JsonArray source, string path, int depth)
    {
        var result = new JsonArray();
        for (var i = 0; i < source.Count; i++)
        {
            var element = source[i];
            var childPath = ClaimPaths.Join(path, i);
            if (element is JsonObject o && o.ContainsKey(SdJwtNames.ArrayDigest))
            {
                if (o.Count != 1)
                {
                    throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"The array element digest at '{childPath}' has members besides '...'.");
                }

                var digest = DigestText(o[SdJwtNames.ArrayDigest], path);
                if (!_byDigest.TryGetValue(digest, out var disclosure))
                {
                    continue;
                }

                if (!disclosure.IsArrayElement)
                {
                    throw new SdJwtVerificationException(SdJwtErrorCode.DisclosureMismatch,
                        $"An object property disclosure is referenced as the array element '{childPath}'.");
                }

                _placed.Add(new PlacedDisclosure(disclosure, childPath));
                result.Add(ProcessValue(disclosure.ValueNode, childPath, depth + 1));
            }
            else
            {
                result.Add(ProcessValue(element, childPath, depth + 1));
            }
        }

        return result;
    }

    private JsonNode? ProcessValue(JsonNode? value, string path, int depth) => value switch
    {
        JsonObject o => ProcessObject(o, path, topLevel: false, depth),
        JsonArray a => ProcessArray(a, path, depth),
        _ => value?.DeepClone(),
    };

    private string DigestText(JsonNode? item, string path)
    {
        if (item is not JsonValue v || !v.TryGetValue(out string? digest) || digest.Length == 0)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"A digest at '{DisplayPath(path)}' is not a string.");
        }

        if (!_seenDigests.Add(digest))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.DuplicateDigest, $"The digest {digest} appears more than once in the issuer-signed JWT.");
        }

        return digest;
    }

    private static string DisplayPath(string path) => path.Length == 0 ? "(top level)" : path;
}
