using System.Text;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>Orders keys as Fabric's state databases do: by their UTF-8 bytes (not by UTF-16 code units).</summary>
public sealed class Utf8KeyComparer : IComparer<string>
{
    public static Utf8KeyComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        // Code-point order equals UTF-8 byte order; comparing runes avoids encoding both strings.
        var ex = x.EnumerateRunes();
        var ey = y.EnumerateRunes();
        while (true)
        {
            var hx = ex.MoveNext();
            var hy = ey.MoveNext();
            if (!hx || !hy)
            {
                return hx ? 1 : hy ? -1 : 0;
            }

            var c = ex.Current.Value.CompareTo(ey.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}

/// <summary>One committed change of a key.</summary>
public sealed record HistoryRecord(string TxId, byte[] Value, DateTimeOffset Timestamp, bool IsDelete);

/// <summary>The writes of one transaction's simulation, applied to the ledger when the transaction commits.</summary>
public sealed class TxSimulation
{
    private readonly List<(string Collection, string Key, byte[]? Value, bool Purge)> _writes = new();
    private readonly List<(string Collection, string Key, string MetaKey, byte[] Value)> _metadata = new();

    public IReadOnlyList<(string Collection, string Key, byte[]? Value, bool Purge)> Writes => _writes;

    public IReadOnlyList<(string Collection, string Key, string MetaKey, byte[] Value)> MetadataWrites => _metadata;

    public void Put(string collection, string key, byte[] value) => _writes.Add((collection, key, value, false));

    public void Delete(string collection, string key) => _writes.Add((collection, key, null, false));

    public void Purge(string collection, string key) => _writes.Add((collection, key, null, true));

    public void PutMetadata(string collection, string key, string metaKey, byte[] value) => _metadata.Add((collection, key, metaKey, value));
}

/// <summary>
/// The committed state the test peer answers from: public state, private collections (with hashes), key metadata
/// and history. Reads never see the writes of the transaction that is running, as on a real peer.
/// </summary>
public sealed class InMemoryLedger
{
    private readonly object _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, byte[]>> _collections = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), SortedDictionary<string, byte[]>> _metadata = new();
    private readonly Dictionary<string, List<HistoryRecord>> _history = new(StringComparer.Ordinal);

    /// <summary>Writes a value directly (test setup), recorded in history under <paramref name="txId"/>.</summary>
    public void Seed(string key, byte[] value, string collection = "", string txId = "seed", DateTimeOffset? timestamp = null)
    {
        lock (_lock)
        {
            Apply(collection, key, value, txId, timestamp ?? DateTimeOffset.UnixEpoch);
        }
    }

    public void Seed(string key, string value, string collection = "") => Seed(key, Encoding.UTF8.GetBytes(value), collection);

    public void SeedMetadata(string key, string metaKey, byte[] value, string collection = "")
    {
        lock (_lock)
        {
            Metadata(collection, key)[metaKey] = value;
        }
    }

    public byte[]? Get(string key, string collection = "")
    {
        lock (_lock)
        {
            return _collections.TryGetValue(collection, out var state) && state.TryGetValue(key, out var value) ? value : null;
        }
    }

    public string? GetString(string key, string collection = "") => Get(key, collection) is { } v ? Encoding.UTF8.GetString(v) : null;

    public int Count(string collection = "")
    {
        lock (_lock)
        {
            return _collections.TryGetValue(collection, out var state) ? state.Count : 0;
        }
    }

    public IReadOnlyDictionary<string, byte[]> GetMetadata(string key, string collection = "")
    {
        lock (_lock)
        {
            return _metadata.TryGetValue((collection, key), out var entries)
                ? new Dictionary<string, byte[]>(entries, StringComparer.Ordinal)
                : new Dictionary<string, byte[]>();
        }
    }

    /// <summary>Keys in [<paramref name="startKey"/>, <paramref name="endKey"/>) in UTF-8 order; an empty end is open.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Range(string collection, string startKey, string endKey)
    {
        lock (_lock)
        {
            if (!_collections.TryGetValue(collection, out var state))
            {
                return Array.Empty<KeyValuePair<string, byte[]>>();
            }

            var comparer = Utf8KeyComparer.Instance;
            return state.Where(kv => comparer.Compare(kv.Key, startKey) >= 0 && (endKey.Length == 0 || comparer.Compare(kv.Key, endKey) < 0)).ToList();
        }
    }

    /// <summary>All entries of a collection in key order (for rich-query emulation).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> All(string collection) => Range(collection, string.Empty, string.Empty);

    /// <summary>Committed changes of a public key, newest first (as Fabric 2+ returns history).</summary>
    public IReadOnlyList<HistoryRecord> History(string key)
    {
        lock (_lock)
        {
            return _history.TryGetValue(key, out var records) ? records.AsEnumerable().Reverse().ToList() : Array.Empty<HistoryRecord>();
        }
    }

    public void Commit(TxSimulation simulation, string txId, DateTimeOffset timestamp)
    {
        lock (_lock)
        {
            foreach (var (collection, key, value, purge) in simulation.Writes)
            {
                Apply(collection, key, value, txId, timestamp);
                if (purge)
                {
                    _metadata.Remove((collection, key));
                }
            }

            foreach (var (collection, key, metaKey, value) in simulation.MetadataWrites)
            {
                Metadata(collection, key)[metaKey] = value;
            }
        }
    }

    private void Apply(string collection, string key, byte[]? value, string txId, DateTimeOffset timestamp)
    {
        if (!_collections.TryGetValue(collection, out var state))
        {
            state = new SortedDictionary<string, byte[]>(Utf8KeyComparer.Instance);
            _collections.Add(collection, state);
        }

        // Fabric treats an empty value as a delete.
        if (value is null || value.Length == 0)
        {
            state.Remove(key);
        }
        else
        {
            state[key] = value;
        }

        if (collection.Length == 0)
        {
            if (!_history.TryGetValue(key, out var records))
            {
                records = new List<HistoryRecord>();
                _history.Add(key, records);
            }

            records.Add(new HistoryRecord(txId, value ?? Array.Empty<byte>(), timestamp, value is null || value.Length == 0));
        }
    }

    private SortedDictionary<string, byte[]> Metadata(string collection, string key)
    {
        if (!_metadata.TryGetValue((collection, key), out var entries))
        {
            entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            _metadata.Add((collection, key), entries);
        }

        return entries;
    }
}
