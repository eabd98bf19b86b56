using System.Collections;
using System.Text;

namespace FabricEvidence.Protocol;

/// <summary>One metadata entry: a lower-case key and a text value, or a binary value when the key ends in <c>-bin</c>.</summary>
public sealed class GrpcMetadataEntry
{
    private readonly string? _text;
    private readonly byte[]? _bytes;

    internal GrpcMetadataEntry(string key, string? text, byte[]? bytes)
    {
        Key = key;
        _text = text;
        _bytes = bytes;
    }

    /// <summary>The key, lower-case.</summary>
    public string Key { get; }

    /// <summary>Whether this is a binary entry (key ends in <c>-bin</c>).</summary>
    public bool IsBinary => _bytes is not null;

    /// <summary>The text value. For binary entries, throws.</summary>
    public string Value => _text ?? throw new InvalidOperationException($"Metadata entry '{Key}' is binary; read ValueBytes.");

    /// <summary>The binary value. For text entries, the value's ASCII bytes.</summary>
    public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_text!);

    /// <inheritdoc />
    public override string ToString() => IsBinary ? $"{Key}: <{_bytes!.Length} bytes>" : $"{Key}: {_text}";
}

/// <summary>
/// gRPC metadata (request headers, response headers or trailers). Keys are case-insensitive and stored
/// lower-case; keys ending in <c>-bin</c> hold binary values, sent base64-encoded.
/// </summary>
public sealed class GrpcMetadata : IReadOnlyList<GrpcMetadataEntry>
{
    /// <summary>An empty, read-only instance.</summary>
    public static GrpcMetadata Empty { get; } = new() { _readOnly = true };

    private readonly List<GrpcMetadataEntry> _entries = new();
    private bool _readOnly;

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The entry at <paramref name="index"/>.</summary>
    public GrpcMetadataEntry this[int index] => _entries[index];

    /// <summary>Adds a text entry.</summary>
    /// <exception cref="ArgumentException">The key is not a valid gRPC metadata key, ends in <c>-bin</c>, or the value has characters outside printable ASCII.</exception>
    public GrpcMetadata Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (normalized.EndsWith("-bin", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' ends in '-bin' and must have a binary value.", nameof(key));
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII; use a '-bin' key for other data.", nameof(value));
            }
        }

        ThrowIfReadOnly();
        _entries.Add(new GrpcMetadataEntry(normalized, value, null));
        return this;
    }

    /// <summary>Adds a binary entry; the key must end in <c>-bin</c>.</summary>
    public GrpcMetadata Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (!normalized.EndsWith("-bin", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' has a binary value and must end in '-bin'.", nameof(key));
        }

        ThrowIfReadOnly();
        _entries.Add(new GrpcMetadataEntry(normalized, null, (byte[])value.Clone()));
        return this;
    }

    /// <summary>The last text value for <paramref name="key"/>, or <see langword="null"/>.</summary>
    public string? GetValue(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            var e = _entries[i];
            if (!e.IsBinary && string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return e.Value;
            }
        }

        return null;
    }

    /// <summary>The last binary value for <paramref name="key"/>, or <see langword="null"/>.</summary>
    public byte[]? GetValueBytes(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            var e = _entries[i];
            if (e.IsBinary && string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return e.ValueBytes;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public IEnumerator<GrpcMetadataEntry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // Used by the transport when it reads headers off the wire: keys are already validated by HTTP/2.
    internal void AddReceived(string key, string? text, byte[]? bytes) =>
        _entries.Add(new GrpcMetadataEntry(key.ToLowerInvariant(), text, bytes));

    private void ThrowIfReadOnly()
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This metadata instance is read-only.");
        }
    }

    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!ok)
            {
                throw new ArgumentException($"Metadata key '{key}' may contain only 0-9, a-z, '-', '_' and '.'.", nameof(key));
            }
        }

        if (lower.StartsWith("grpc-", StringComparison.Ordinal) || lower is "te" or "content-type" or "user-agent")
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved by the gRPC protocol.", nameof(key));
        }

        return lower;
    }
}
