using System.Text;
using System.Globalization;
using System.Text.Json;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// Reads and writes <c>manifest.json</c>. Reading is strict (every member required unless the format says optional,
/// no unknown or repeated member, exact types), so that a manifest means exactly one thing; writing is deterministic.
/// </summary>
internal static class ManifestJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>
    /// Writes the manifest in its canonical form, RFC 8785 (JSON Canonicalization Scheme): members sorted by name, no
    /// white space, strings with only the escapes JSON requires, integers in plain digits. One manifest has exactly one
    /// byte sequence, so a reader can tell a manifest altered in any byte, even one that changes no value.
    /// </summary>
    public static byte[] Write(BundleManifest manifest)
    {
        var json = new CanonicalWriter();
        json.BeginObject();
        json.Member("chaincode").String(manifest.Chaincode);
        json.Member("channel").String(manifest.Channel);
        json.Member("entries").BeginArray();
        foreach (var entry in manifest.Entries)
        {
            json.Element().BeginObject();
            if (entry.Kind == BundleEntryKind.Block)
            {
                json.Member("blockNumber").Number(entry.BlockNumber ?? 0);
                json.Member("includedFor").BeginArray();
                foreach (var purpose in PurposeNames(entry.IncludedFor))
                {
                    json.Element().String(purpose);
                }

                json.EndArray();
                json.Member("kind").String("block");
            }
            else
            {
                json.Member("headerCount").Number((ulong)(entry.HeaderCount ?? 0));
                json.Member("kind").String("headers");
            }

            json.Member("path").String(entry.Path);
            json.Member("sha256").String(entry.Sha256);
            json.EndObject();
        }

        json.EndArray();
        json.Member("format").String(BundleManifest.FormatName);
        json.Member("formatVersion").Number((ulong)manifest.FormatVersion);
        json.Member("hashChain").BeginObject();
        json.Member("firstBlock").Number(manifest.FirstBlock);
        json.Member("lastBlock").Number(manifest.LastBlock);
        json.EndObject();
        json.Member("items").BeginArray();
        foreach (var item in manifest.Items)
        {
            json.Element().BeginObject();
            json.Member("digest").String(item.Digest);
            json.Member("digestAlgorithm").String(item.DigestAlgorithm);
            json.Member("id").String(item.Id);
            json.Member("recordKey").String(item.RecordKey);
            json.Member("transactions").BeginArray();
            foreach (var tx in item.Transactions)
            {
                json.Element().BeginObject();
                json.Member("blockNumber").Number(tx.BlockNumber);
                json.Member("role").String(tx.Role);
                json.Member("txId").String(tx.TransactionId);
                json.EndObject();
            }

            json.EndArray();
            json.EndObject();
        }

        json.EndArray();
        json.EndObject();
        return json.ToArray();
    }

    public static BundleManifest Read(ReadOnlyMemory<byte> utf8)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new BundleFormatException($"manifest.json is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = new ObjectReader(document.RootElement, "manifest");
            var format = root.String("format");
            if (format != BundleManifest.FormatName)
            {
                throw new BundleFormatException($"manifest.format is \"{format}\"; a bundle has \"{BundleManifest.FormatName}\".");
            }

            var version = root.Int32("formatVersion");
            if (version != BundleManifest.CurrentFormatVersion)
            {
                throw new BundleFormatException($"manifest.formatVersion is {version}; this verifier reads version {BundleManifest.CurrentFormatVersion}.");
            }

            var chain = root.Object("hashChain");
            var manifest = new BundleManifest
            {
                FormatVersion = version,
                Channel = root.NonEmptyString("channel"),
                Chaincode = root.NonEmptyString("chaincode"),
                FirstBlock = chain.UInt64("firstBlock"),
                LastBlock = chain.UInt64("lastBlock"),
                Items = root.Array("items", ReadItem),
                Entries = root.Array("entries", ReadEntry),
            };
            chain.End();
            root.End();
            if (manifest.FirstBlock > manifest.LastBlock)
            {
                throw new BundleFormatException($"manifest.hashChain.firstBlock ({manifest.FirstBlock}) is after lastBlock ({manifest.LastBlock}).");
            }

            if (manifest.Items.Count == 0)
            {
                throw new BundleFormatException("manifest.items is empty; a bundle names at least one item.");
            }

            return manifest;
        }
    }

    private static BundleItem ReadItem(ObjectReader item)
    {
        var result = new BundleItem
        {
            Id = item.NonEmptyString("id"),
            RecordKey = item.NonEmptyString("recordKey"),
            DigestAlgorithm = item.String("digestAlgorithm"),
            Digest = item.String("digest"),
            Transactions = item.Array("transactions", tx =>
            {
                var transaction = new BundleTransaction
                {
                    TransactionId = tx.NonEmptyString("txId"),
                    BlockNumber = tx.UInt64("blockNumber"),
                    Role = tx.NonEmptyString("role"),
                };
                tx.End();
                return transaction;
            }),
        };
        item.End();
        if (!DigestAlgorithms.IsSupported(result.DigestAlgorithm))
        {
            throw new BundleFormatException($"{item.Path}.digestAlgorithm is \"{result.DigestAlgorithm}\"; expected \"{DigestAlgorithms.Sha256}\" or \"{DigestAlgorithms.Sm3}\".");
        }

        if (!IsLowerHex(result.Digest, 64))
        {
            throw new BundleFormatException($"{item.Path}.digest must be 64 lowercase hexadecimal digits.");
        }

        if (result.Transactions.Count == 0)
        {
            throw new BundleFormatException($"{item.Path}.transactions is empty.");
        }

        return result;
    }

    private static BundleEntry ReadEntry(ObjectReader entry)
    {
        var path = entry.NonEmptyString("path");
        var kind = entry.String("kind");
        BundleEntry result;
        switch (kind)
        {
            case "block":
                var number = entry.UInt64("blockNumber");
                var purposes = BlockPurposes.None;
                foreach (var name in entry.Array("includedFor", static (JsonElement e, string p) => e.ValueKind == JsonValueKind.String
                    ? e.GetString()!
                    : throw new BundleFormatException($"{p} must be a string.")))
                {
                    var purpose = ParsePurpose(name) ?? throw new BundleFormatException($"{entry.Path}.includedFor has an unknown purpose \"{name}\".");
                    if ((purposes & purpose) != 0)
                    {
                        throw new BundleFormatException($"{entry.Path}.includedFor names \"{name}\" twice.");
                    }

                    purposes |= purpose;
                }

                if (purposes == BlockPurposes.None)
                {
                    throw new BundleFormatException($"{entry.Path}.includedFor is empty.");
                }

                result = new BundleEntry { Path = path, Kind = BundleEntryKind.Block, BlockNumber = number, IncludedFor = purposes, Sha256 = entry.String("sha256") };
                break;
            case "headers":
                var count = entry.Int32("headerCount");
                if (count < 0)
                {
                    throw new BundleFormatException($"{entry.Path}.headerCount is negative.");
                }

                result = new BundleEntry { Path = path, Kind = BundleEntryKind.Headers, HeaderCount = count, Sha256 = entry.String("sha256") };
                break;
            default:
                throw new BundleFormatException($"{entry.Path}.kind is \"{kind}\"; expected \"block\" or \"headers\".");
        }

        entry.End();
        if (!IsLowerHex(result.Sha256, 64))
        {
            throw new BundleFormatException($"{entry.Path}.sha256 must be 64 lowercase hexadecimal digits.");
        }

        return result;
    }

    internal static IEnumerable<string> PurposeNames(BlockPurposes purposes)
    {
        if (purposes.HasFlag(BlockPurposes.Configuration))
        {
            yield return "configuration";
        }

        if (purposes.HasFlag(BlockPurposes.ChaincodeDefinition))
        {
            yield return "chaincode-definition";
        }

        if (purposes.HasFlag(BlockPurposes.Transactions))
        {
            yield return "transactions";
        }
    }

    private static BlockPurposes? ParsePurpose(string name) => name switch
    {
        "configuration" => BlockPurposes.Configuration,
        "chaincode-definition" => BlockPurposes.ChaincodeDefinition,
        "transactions" => BlockPurposes.Transactions,
        _ => null,
    };

    internal static bool IsLowerHex(string value, int length)
    {
        if (value.Length != length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads one JSON object member by member and, at <see cref="End"/>, refuses members nobody read.</summary>
    private sealed class ObjectReader
    {
        private readonly JsonElement _element;
        private readonly HashSet<string> _read = new(StringComparer.Ordinal);

        public ObjectReader(JsonElement element, string path)
        {
            Path = path;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new BundleFormatException($"{path} must be a JSON object.");
            }

            _element = element;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new BundleFormatException($"{path} has the member \"{property.Name}\" twice.");
                }
            }
        }

        public string Path { get; }

        public void End()
        {
            foreach (var property in _element.EnumerateObject())
            {
                if (!_read.Contains(property.Name))
                {
                    throw new BundleFormatException($"{Path} has an unknown member \"{property.Name}\".");
                }
            }
        }

        public string String(string name)
        {
            var value = Member(name);
            return value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw new BundleFormatException($"{Path}.{name} must be a string.");
        }

        public string NonEmptyString(string name)
        {
            var value = String(name);
            return value.Length > 0 ? value : throw new BundleFormatException($"{Path}.{name} must not be empty.");
        }

        public ulong UInt64(string name)
        {
            var value = Member(name);
            return value.ValueKind == JsonValueKind.Number && IsPlainInteger(value) && value.TryGetUInt64(out var number)
                ? number
                : throw new BundleFormatException($"{Path}.{name} must be a non-negative integer.");
        }

        public int Int32(string name)
        {
            var value = Member(name);
            return value.ValueKind == JsonValueKind.Number && IsPlainInteger(value) && value.TryGetInt32(out var number)
                ? number
                : throw new BundleFormatException($"{Path}.{name} must be an integer.");
        }

        public ObjectReader Object(string name) => new(Member(name), $"{Path}.{name}");

        public List<T> Array<T>(string name, Func<ObjectReader, T> read) =>
            Array(name, (element, path) => read(new ObjectReader(element, path)));

        public List<T> Array<T>(string name, Func<JsonElement, string, T> read)
        {
            var value = Member(name);
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw new BundleFormatException($"{Path}.{name} must be an array.");
            }

            var result = new List<T>(value.GetArrayLength());
            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                result.Add(read(element, string.Create(CultureInfo.InvariantCulture, $"{Path}.{name}[{index}]")));
                index++;
            }

            return result;
        }

        private JsonElement Member(string name)
        {
            _read.Add(name);
            return _element.TryGetProperty(name, out var value)
                ? value
                : throw new BundleFormatException($"{Path}.{name} is missing.");
        }

        // Exponents and fractions ("1e2", "5.0") parse as integers in System.Text.Json; the format allows digits only.
        private static bool IsPlainInteger(JsonElement value)
        {
            var raw = value.GetRawText();
            foreach (var c in raw)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }
            }

            return raw.Length == 1 || raw[0] != '0';
        }
    }
}

/// <summary>
/// The subset of RFC 8785 the manifest needs: objects (whose members the caller writes in sorted order), arrays,
/// strings and non-negative integers.
/// </summary>
internal sealed class CanonicalWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _first = new();

    public CanonicalWriter BeginObject()
    {
        _text.Append('{');
        _first.Push(true);
        return this;
    }

    public CanonicalWriter EndObject()
    {
        _text.Append('}');
        _first.Pop();
        return this;
    }

    public CanonicalWriter BeginArray()
    {
        _text.Append('[');
        _first.Push(true);
        return this;
    }

    public CanonicalWriter EndArray()
    {
        _text.Append(']');
        _first.Pop();
        return this;
    }

    public CanonicalWriter Member(string name)
    {
        Separate();
        String(name);
        _text.Append(':');
        return this;
    }

    public CanonicalWriter Element()
    {
        Separate();
        return this;
    }

    public CanonicalWriter Number(ulong value)
    {
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CanonicalWriter String(string value)
    {
        _text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    _text.Append("\\\"");
                    break;
                case '\\':
                    _text.Append("\\\\");
                    break;
                case '\b':
                    _text.Append("\\b");
                    break;
                case '\f':
                    _text.Append("\\f");
                    break;
                case '\n':
                    _text.Append("\\n");
                    break;
                case '\r':
                    _text.Append("\\r");
                    break;
                case '\t':
                    _text.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])))
                    {
                        throw new ArgumentException("A manifest string holds a lone UTF-16 surrogate, which JSON text cannot carry.", nameof(value));
                    }
                    else
                    {
                        _text.Append(c);
                        if (char.IsHighSurrogate(c))
                        {
                            _text.Append(value[++i]);
                        }
                    }

                    break;
            }
        }

        _text.Append('"');
        return this;
    }

    public byte[] ToArray() => Encoding.UTF8.GetBytes(_text.ToString());

    private void Separate()
    {
        if (!_first.Pop())
        {
            _text.Append(',');
        }

        _first.Push(false);
    }
}
