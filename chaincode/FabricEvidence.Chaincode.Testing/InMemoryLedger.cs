using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Chaincode.Internal.Contracts;
using FabricEvidence.Chaincode.Testing.Internal;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Testing;

/// <summary>
/// The committed state of one chaincode on one channel, kept in memory: world state in the peer's key order, private
/// data collections, key-level endorsement policies, key history and the list of committed transactions. Each
/// transaction runs on its own <see cref="InMemoryChaincodeStub"/> and reaches the ledger only through
/// <see cref="InMemoryChaincodeStub.Commit"/>, which validates it the way Fabric's committer does.
/// </summary>
/// <remarks>
/// Transaction ids and timestamps are deterministic: id <c>n</c> is the lowercase hex SHA-256 of <c>"tx" + n</c>, and
/// each new stub takes <see cref="Clock"/> and advances it by <see cref="ClockStep"/>. All members are thread-safe.
/// </remarks>
public sealed class InMemoryLedger
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, VersionedValue> _state = new(Utf8OrdinalComparer.Instance);
    private readonly Dictionary<string, SortedDictionary<string, VersionedValue>> _private = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _stateMetadata = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), byte[]> _privateMetadata = [];
    private readonly Dictionary<string, List<KeyModification>> _history = new(StringComparer.Ordinal);
    private readonly List<CommittedTransaction> _transactions = [];
    private readonly HashSet<string> _txIds = new(StringComparer.Ordinal);
    private long _commitNumber;
    private long _txCounter;
    private FabricTimestamp _clock = new(1_704_067_200, 0); // 2024-01-01T00:00:00Z
    private TimeSpan _clockStep = TimeSpan.FromSeconds(1);

    /// <summary>The channel new stubs run on. Defaults to <c>mychannel</c>.</summary>
    public string ChannelId { get; set; } = "mychannel";

    /// <summary>The MSP id of the peer new stubs run on (<see cref="IChaincodeStub.MspId"/>). Defaults to <c>Org1MSP</c>.</summary>
    public string PeerMspId { get; set; } = "Org1MSP";

    /// <summary>The timestamp the next stub gets. Defaults to 2024-01-01T00:00:00Z.</summary>
    public FabricTimestamp Clock
    {
        get { lock (_lock) { return _clock; } }
        set { lock (_lock) { _clock = value; } }
    }

    /// <summary>How far <see cref="Clock"/> advances for each new stub. Defaults to one second.</summary>
    public TimeSpan ClockStep
    {
        get { lock (_lock) { return _clockStep; } }
        set { lock (_lock) { _clockStep = value; } }
    }

    /// <summary>Every transaction that reached <see cref="InMemoryChaincodeStub.Commit"/>, valid or not, in commit order.</summary>
    public IReadOnlyList<CommittedTransaction> Transactions
    {
        get { lock (_lock) { return _transactions.ToList(); } }
    }

    /// <summary>Creates the stub of a new transaction with the next transaction id and timestamp.</summary>
    /// <param name="args">The invocation arguments, the function name first.</param>
    /// <returns>The stub; set its identity, transient data and so on before running the chaincode.</returns>
    public InMemoryChaincodeStub CreateStub(IEnumerable<byte[]> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string txId;
        FabricTimestamp timestamp;
        lock (_lock)
        {
            txId = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("tx" + (++_txCounter).ToString(CultureInfo.InvariantCulture))));
            timestamp = _clock;
            _clock = _clock.Add(_clockStep);
        }

        return new InMemoryChaincodeStub(this, args.Select(a => (byte[])a.Clone()).ToList(), txId, timestamp);
    }

    /// <summary>Creates the stub of a new transaction from string arguments (UTF-8 encoded).</summary>
    /// <param name="function">The function name, for example <c>Asset:Create</c>.</param>
    /// <param name="args">The arguments after the function name.</param>
    /// <returns>The stub.</returns>
    public InMemoryChaincodeStub CreateStub(string function, params IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        return CreateStub(args.Prepend(function).Select(Encoding.UTF8.GetBytes));
    }

    /// <summary>The committed value of a key; <see langword="null"/> when absent.</summary>
    /// <param name="key">The key.</param>
    /// <returns>A copy of the value.</returns>
    public byte[]? GetState(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return _state.TryGetValue(key, out var value) ? (byte[])value.Value.Clone() : null;
        }
    }

    /// <summary>The committed value of a key as UTF-8 text; <see langword="null"/> when absent.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The text.</returns>
    public string? GetStateText(string key) => GetState(key) is { } value ? Encoding.UTF8.GetString(value) : null;

    /// <summary>All committed keys and values, in the peer's key order (UTF-8 byte order; composite keys first).</summary>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<KeyValue> GetAllState()
    {
        lock (_lock)
        {
            return _state.Select(e => new KeyValue(e.Key, (byte[])e.Value.Value.Clone())).ToList();
        }
    }

    /// <summary>The committed value of a private key; <see langword="null"/> when absent.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="key">The key.</param>
    /// <returns>A copy of the value.</returns>
    public byte[]? GetPrivateData(string collection, string key)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return _private.TryGetValue(collection, out var data) && data.TryGetValue(key, out var value) ? (byte[])value.Value.Clone() : null;
        }
    }

    /// <summary>The SHA-256 hash of a committed private value, as every peer of the channel stores it; <see langword="null"/> when absent.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="key">The key.</param>
    /// <returns>The hash.</returns>
    public byte[]? GetPrivateDataHash(string collection, string key) => GetPrivateData(collection, key) is { } value ? SHA256.HashData(value) : null;

    /// <summary>The key-level endorsement policy of a public key; <see langword="null"/> when none.</summary>
    /// <param name="key">The key.</param>
    /// <returns>A copy of the serialized policy.</returns>
    public byte[]? GetStateValidationParameter(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return _stateMetadata.TryGetValue(key, out var policy) ? (byte[])policy.Clone() : null;
        }
    }

    /// <summary>The key-level endorsement policy of a private key; <see langword="null"/> when none.</summary>
    /// <param name="collection">The collection.</param>
    /// <param name="key">The key.</param>
    /// <returns>A copy of the serialized policy.</returns>
    public byte[]? GetPrivateDataValidationParameter(string collection, string key)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return _privateMetadata.TryGetValue((collection, key), out var policy) ? (byte[])policy.Clone() : null;
        }
    }

    /// <summary>Every committed change of a public key, newest first.</summary>
    /// <param name="key">The key.</param>
    /// <returns>A snapshot.</returns>
    public IReadOnlyList<KeyModification> GetHistory(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            return _history.TryGetValue(key, out var changes) ? Enumerable.Reverse(changes).ToList() : [];
        }
    }

    /// <summary>Writes public keys directly, as one committed transaction (for setting up a test).</summary>
    /// <param name="entries">The keys and values.</param>
    /// <returns>The id of the transaction that wrote them.</returns>
    public string Seed(IEnumerable<KeyValue> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var stub = CreateStub([]);
        foreach (var entry in entries)
        {
            stub.PutStateAsync(entry.Key, entry.Value).GetAwaiter().GetResult();
        }

        var code = stub.Commit();
        return code == TxValidationCode.Valid ? stub.TxId : throw new InvalidOperationException($"Seeding failed with {code}.");
    }

    // ----- used by the stub -----

    internal VersionedValue? ReadState(string key)
    {
        lock (_lock)
        {
            return _state.GetValueOrDefault(key);
        }
    }

    internal VersionedValue? ReadPrivate(string collection, string key)
    {
        lock (_lock)
        {
            return _private.TryGetValue(collection, out var data) ? data.GetValueOrDefault(key) : null;
        }
    }

    internal byte[]? ReadStateMetadata(string key)
    {
        lock (_lock)
        {
            return _stateMetadata.GetValueOrDefault(key);
        }
    }

    internal byte[]? ReadPrivateMetadata(string collection, string key)
    {
        lock (_lock)
        {
            return _privateMetadata.GetValueOrDefault((collection, key));
        }
    }

    /// <summary>Committed public entries in [<paramref name="startKey"/>, <paramref name="endKey"/>); an empty end is open.</summary>
    internal List<(string Key, VersionedValue Value)> ReadRange(string startKey, string endKey)
    {
        lock (_lock)
        {
            return Range(_state, startKey, endKey);
        }
    }

    internal List<(string Key, VersionedValue Value)> ReadPrivateRange(string collection, string startKey, string endKey)
    {
        lock (_lock)
        {
            return _private.TryGetValue(collection, out var data) ? Range(data, startKey, endKey) : [];
        }
    }

    internal List<KeyValue> ReadAll(string? collection)
    {
        lock (_lock)
        {
            var source = collection is null ? _state : _private.GetValueOrDefault(collection);
            return source is null ? [] : source.Select(e => new KeyValue(e.Key, (byte[])e.Value.Value.Clone())).ToList();
        }
    }

    private static List<(string Key, VersionedValue Value)> Range(SortedDictionary<string, VersionedValue> source, string startKey, string endKey) =>
        source
            .Where(e => Utf8OrdinalComparer.Instance.Compare(e.Key, startKey) >= 0
                && (endKey.Length == 0 || Utf8OrdinalComparer.Instance.Compare(e.Key, endKey) < 0))
            .Select(e => (e.Key, e.Value))
            .ToList();

    /// <summary>Validates a finished transaction against the current state and applies it when valid.</summary>
    internal TxValidationCode Commit(InMemoryChaincodeStub.WriteSet tx)
    {
        lock (_lock)
        {
            var code = Validate(tx);
            var privateWrites = tx.PrivateWrites
                .OrderBy(w => w.Key.Collection, Utf8OrdinalComparer.Instance)
                .ThenBy(w => w.Key.Key, Utf8OrdinalComparer.Instance)
                .Select(w => new PrivateWriteRecord(
                    w.Key.Collection,
                    Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(w.Key.Key))),
                    w.Value.Value is { } v ? Convert.ToHexStringLower(SHA256.HashData(v)) : null,
                    w.Value.IsPurge))
                .ToList();
            _transactions.Add(new CommittedTransaction(
                tx.TxId,
                tx.Timestamp,
                code,
                tx.CreatorMspId,
                tx.Args.Select(a => (byte[])a.Clone()).ToList(),
                tx.Writes.Keys.Order(Utf8OrdinalComparer.Instance).ToList(),
                privateWrites,
                tx.Event));
            _txIds.Add(tx.TxId);
            if (code != TxValidationCode.Valid)
            {
                return code;
            }

            var version = ++_commitNumber;
            foreach (var (key, value) in tx.Writes)
            {
                if (!_history.TryGetValue(key, out var changes))
                {
                    changes = [];
                    _history.Add(key, changes);
                }

                if (value is null)
                {
                    _state.Remove(key);
                    _stateMetadata.Remove(key);
                    changes.Add(new KeyModification(tx.TxId, [], tx.Timestamp, IsDelete: true));
                }
                else
                {
                    _state[key] = new VersionedValue((byte[])value.Clone(), version);
                    changes.Add(new KeyModification(tx.TxId, (byte[])value.Clone(), tx.Timestamp, IsDelete: false));
                }
            }

            foreach (var ((collection, key), write) in tx.PrivateWrites)
            {
                if (!_private.TryGetValue(collection, out var data))
                {
                    data = new SortedDictionary<string, VersionedValue>(Utf8OrdinalComparer.Instance);
                    _private.Add(collection, data);
                }

                if (write.Value is null)
                {
                    data.Remove(key);
                    _privateMetadata.Remove((collection, key));
                }
                else
                {
                    data[key] = new VersionedValue((byte[])write.Value.Clone(), version);
                }
            }

            // Fabric keeps metadata with a key's value: metadata of a key that does not exist after this
            // transaction has nothing to attach to.
            foreach (var ((collection, key), policy) in tx.MetadataWrites)
            {
                if (collection is null)
                {
                    if (_state.ContainsKey(key))
                    {
                        _stateMetadata[key] = (byte[])policy.Clone();
                    }
                }
                else if (_private.TryGetValue(collection, out var data) && data.ContainsKey(key))
                {
                    _privateMetadata[(collection, key)] = (byte[])policy.Clone();
                }
            }

            return TxValidationCode.Valid;
        }
    }

    private TxValidationCode Validate(InMemoryChaincodeStub.WriteSet tx)
    {
        if (_txIds.Contains(tx.TxId))
        {
            return TxValidationCode.DuplicateTxid;
        }

        foreach (var read in tx.Reads)
        {
            var current = read.Collection is null
                ? _state.GetValueOrDefault(read.Key)
                : _private.GetValueOrDefault(read.Collection)?.GetValueOrDefault(read.Key);
            if (current?.Version != read.Version)
            {
                return TxValidationCode.MvccReadConflict;
            }
        }

        foreach (var range in tx.Ranges)
        {
            var now = Range(_state, range.StartKey, range.EndKey);
            if (range.Exhausted ? now.Count != range.Consumed.Count : now.Count < range.Consumed.Count)
            {
                return TxValidationCode.PhantomReadConflict;
            }

            for (var i = 0; i < range.Consumed.Count; i++)
            {
                if (!string.Equals(now[i].Key, range.Consumed[i].Key, StringComparison.Ordinal) || now[i].Value.Version != range.Consumed[i].Version)
                {
                    return TxValidationCode.PhantomReadConflict;
                }
            }
        }

        return TxValidationCode.Valid;
    }
}
