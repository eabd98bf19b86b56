using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Chaincode.Internal;
using FabricEvidence.Chaincode.Internal.Contracts;
using FabricEvidence.Chaincode.Testing.Internal;
using FabricEvidence.Protocol.Msp;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;

namespace FabricEvidence.Chaincode.Testing;

/// <summary>
/// An <see cref="IChaincodeStub"/> for one transaction against an <see cref="InMemoryLedger"/>, with the semantics of a
/// Fabric peer's transaction simulator. Create it with <see cref="InMemoryLedger.CreateStub(IEnumerable{byte[]})"/>.
/// </summary>
/// <remarks>
/// <para>As on Fabric:</para>
/// <list type="bullet">
/// <item>Reads return committed state: a transaction never sees its own writes. Writes are buffered (the last write of
/// a key wins) and reach the ledger only through <see cref="Commit"/>; a stub that is never committed changes nothing.</item>
/// <item>Writing an empty value deletes the key. Keys are ordered by their UTF-8 bytes; range queries cover simple keys
/// only (an empty start key skips composite keys, which start with U+0000).</item>
/// <item><see cref="Commit"/> rejects the transaction with <see cref="TxValidationCode.MvccReadConflict"/> when a key it
/// read changed since, with <see cref="TxValidationCode.PhantomReadConflict"/> when the part of a range or partial
/// composite key query it read changed, and with <see cref="TxValidationCode.DuplicateTxid"/> for a reused id. Rich
/// query results are not re-checked (Fabric does not either).</item>
/// <item>A transaction that ran a paginated query may not write, and one that wrote may not run a paginated query;
/// the same holds for range, partial composite key and rich queries on private data. Private data calls fail during
/// Init (<see cref="IsInit"/>). These are <see cref="InvalidOperationException"/>s, as the peer's errors would be.</item>
/// <item>Bookmarks of paginated range and composite key queries are the key the next page starts at, empty after the
/// last page; rich query bookmarks are the key of the next result.</item>
/// </list>
/// <para>Rich queries use a subset of CouchDB's Mango language: <c>selector</c> with field conditions (dotted paths for
/// nested fields, implicit equality), <c>$eq $ne $gt $gte $lt $lte $in $nin $exists $type $size $all</c>,
/// <c>$and $or $nor $not</c>; <c>sort</c> (one direction for all fields; documents without a sort field are left out,
/// as CouchDB's index would), <c>limit</c>, <c>skip</c>; <c>use_index</c> is accepted and ignored. Values that are
/// not JSON objects never match. Strings compare by code point where CouchDB uses ICU collation. Anything else throws
/// <see cref="NotSupportedException"/>. The in-memory stub accepts rich queries on any state; a real peer needs CouchDB.</para>
/// <para>Validation of arguments is stricter than a peer's in one place: empty keys are rejected for reads as well as writes.</para>
/// </remarks>
public sealed class InMemoryChaincodeStub : IChaincodeStub
{
    private readonly InMemoryLedger _ledger;
    private readonly List<byte[]> _args;
    private readonly Dictionary<string, byte[]?> _writes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Collection, string Key), PrivateWrite> _privateWrites = [];
    private readonly Dictionary<(string? Collection, string Key), byte[]> _metadataWrites = [];
    private readonly Dictionary<(string? Collection, string Key), long?> _reads = [];
    private readonly List<RangeTracker> _ranges = [];
    private ChaincodeEventRecord? _event;
    private bool _paginatedQueryPerformed;
    private bool _privateQueryPerformed;
    private bool _writePerformed;
    private bool _completed;
    private byte[] _creator;
    private ClientIdentity? _creatorIdentity;

    internal InMemoryChaincodeStub(InMemoryLedger ledger, List<byte[]> args, string txId, FabricTimestamp timestamp)
    {
        _ledger = ledger;
        _args = args;
        TxId = txId;
        TxTimestamp = timestamp;
        ChannelId = ledger.ChannelId;
        MspId = ledger.PeerMspId;
        _creator = TestIdentity.Default.ToSerializedIdentity();
        StringArgs = args.Select(a => Encoding.UTF8.GetString(a)).ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<byte[]> Args => _args;

    /// <inheritdoc />
    public IReadOnlyList<string> StringArgs { get; }

    /// <inheritdoc />
    public string FunctionName => StringArgs.Count > 0 ? StringArgs[0] : string.Empty;

    /// <inheritdoc />
    public IReadOnlyList<string> Parameters => StringArgs.Skip(1).ToList();

    /// <summary>The transaction id; deterministic per ledger unless set.</summary>
    public string TxId { get; set; }

    /// <summary>The channel; defaults to <see cref="InMemoryLedger.ChannelId"/>.</summary>
    public string ChannelId { get; set; }

    /// <summary>The serialized identity of the client; defaults to <see cref="TestIdentity.Default"/>. Setting <see cref="Identity"/> sets it too.</summary>
    public byte[] Creator
    {
        get => _creator;
        set
        {
            _creator = value ?? throw new ArgumentNullException(nameof(value));
            _creatorIdentity = null;
        }
    }

    /// <inheritdoc />
    public ClientIdentity CreatorIdentity => _creatorIdentity ??= ClientIdentity.FromCreator(_creator);

    /// <summary>Sets <see cref="Creator"/> to the serialized form of a generated identity.</summary>
    public TestIdentity Identity
    {
        set => Creator = (value ?? throw new ArgumentNullException(nameof(value))).ToSerializedIdentity();
    }

    /// <summary>The transient data of the proposal. Defaults to empty.</summary>
    public IReadOnlyDictionary<string, byte[]> Transient { get; set; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>SHA-256 of nonce ‖ creator ‖ epoch 0 (8 bytes, little-endian), with a nonce derived from <see cref="TxId"/>.</summary>
    public byte[] Binding
    {
        get
        {
            var nonce = SHA256.HashData(Encoding.UTF8.GetBytes("nonce:" + TxId))[..24];
            var epoch = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(epoch, 0);
            return SHA256.HashData([.. nonce, .. _creator, .. epoch]);
        }
    }

    /// <summary>The signed proposal; <see langword="null"/> unless set.</summary>
    public SignedProposal? SignedProposal { get; set; }

    /// <summary>The transaction timestamp; the ledger's clock unless set.</summary>
    public FabricTimestamp TxTimestamp { get; set; }

    /// <summary>Decorations from peer plugins. Defaults to empty.</summary>
    public IReadOnlyDictionary<string, byte[]> Decorations { get; set; } = new Dictionary<string, byte[]>(StringComparer.Ordinal);

    /// <summary>The MSP id of the peer; defaults to <see cref="InMemoryLedger.PeerMspId"/>.</summary>
    public string MspId { get; set; }

    /// <summary>Whether the transaction is an Init invocation, in which private data is unavailable. Defaults to <see langword="false"/>.</summary>
    public bool IsInit { get; set; }

    /// <summary>Answers <see cref="InvokeChaincodeAsync"/>: (chaincode name, arguments, channel or <see langword="null"/>, token) → response. Unset, calls fail.</summary>
    public Func<string, IReadOnlyList<byte[]>, string?, CancellationToken, Task<ChaincodeResponse>>? ChaincodeInvoker { get; set; }

    /// <summary>The event the transaction set, if any.</summary>
    public ChaincodeEventRecord? Event => _event;

    /// <summary>The public keys the transaction has written or deleted so far, in key order.</summary>
    public IReadOnlyList<string> WrittenKeys => _writes.Keys.Order(Utf8OrdinalComparer.Instance).ToList();

    /// <summary>Whether <see cref="Commit"/> or <see cref="Discard"/> has ended the transaction.</summary>
    public bool IsCompleted => _completed;

    /// <summary>Validates the transaction against the ledger as Fabric's committer would and, when valid, applies its writes.</summary>
    /// <returns><see cref="TxValidationCode.Valid"/>, or why the committer rejected the transaction (then nothing was applied).</returns>
    /// <exception cref="InvalidOperationException">The transaction was already committed or discarded.</exception>
    public TxValidationCode Commit()
    {
        EnsureOpen();
        _completed = true;
        var writeSet = new WriteSet
        {
            TxId = TxId,
            Timestamp = TxTimestamp,
            CreatorMspId = CreatorMspId(),
            Args = _args,
            Reads = _reads.Select(r => new ReadRecord(r.Key.Collection, r.Key.Key, r.Value)).ToList(),
            Ranges = _ranges.Select(r => new RangeRecord(r.StartKey, r.EndKey, r.Results.Take(r.Iterator.Consumed).ToList(), r.Iterator.Exhausted)).ToList(),
            Writes = _writes,
            PrivateWrites = _privateWrites,
            MetadataWrites = _metadataWrites,
            Event = _event,
        };
        return _ledger.Commit(writeSet);
    }

    /// <summary>Ends the transaction without committing it, as when its response is an error or it was only evaluated.</summary>
    public void Discard() => _completed = true;

    /// <inheritdoc />
    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        KeyRules.Key(key, nameof(key));
        var value = _ledger.ReadState(key);
        _reads.TryAdd((null, key), value?.Version);
        return Task.FromResult(Copy(value?.Value));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]?>> GetMultipleStatesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var values = new List<byte[]?>(keys.Count);
        foreach (var key in keys)
        {
            values.Add(await GetStateAsync(key, cancellationToken).ConfigureAwait(false));
        }

        return values;
    }

    /// <inheritdoc />
    public Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        KeyRules.Key(key, nameof(key));
        ArgumentNullException.ThrowIfNull(value);
        BeforeWrite();
        _writes[key] = value.Length == 0 ? null : (byte[])value.Clone();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteStateAsync(string key, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        KeyRules.Key(key, nameof(key));
        BeforeWrite();
        _writes[key] = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IStateQueryIterator<KeyValue> GetStateByRange(string startKey, string endKey)
    {
        EnsureOpen();
        KeyRules.SimpleRangeBound(startKey, nameof(startKey));
        KeyRules.SimpleRangeBound(endKey, nameof(endKey));
        return TrackedRange(SimpleStart(startKey), endKey);
    }

    /// <inheritdoc />
    public Task<StateQueryPage<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        KeyRules.SimpleRangeBound(startKey, nameof(startKey));
        KeyRules.SimpleRangeBound(endKey, nameof(endKey));
        return Task.FromResult(RangePage(SimpleStart(startKey), endKey, pageSize, bookmark));
    }

    /// <inheritdoc />
    public string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes) => KeyRules.CreateCompositeKey(objectType, attributes, nameof(objectType), nameof(attributes));

    /// <inheritdoc />
    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) => KeyRules.SplitCompositeKey(compositeKey, nameof(compositeKey));

    /// <inheritdoc />
    public IStateQueryIterator<KeyValue> GetStateByPartialCompositeKey(string objectType, IReadOnlyList<string> attributes)
    {
        EnsureOpen();
        var prefix = KeyRules.CreateCompositeKey(objectType, attributes, nameof(objectType), nameof(attributes));
        return TrackedRange(prefix, prefix + KeyRules.MaxUnicodeRune);
    }

    /// <inheritdoc />
    public Task<StateQueryPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        var prefix = KeyRules.CreateCompositeKey(objectType, attributes, nameof(objectType), nameof(attributes));
        return Task.FromResult(RangePage(prefix, prefix + KeyRules.MaxUnicodeRune, pageSize, bookmark));
    }

    /// <inheritdoc />
    public IStateQueryIterator<KeyValue> GetQueryResult(string query)
    {
        EnsureOpen();
        return new ListQueryIterator<KeyValue>(RichQuery.Parse(query).Execute(_ledger.ReadAll(null)));
    }

    /// <inheritdoc />
    public Task<StateQueryPage<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        CheckPage(pageSize, bookmark);
        var results = RichQuery.Parse(query).Execute(_ledger.ReadAll(null));
        BeforePaginatedQuery();
        var start = 0;
        if (bookmark.Length > 0)
        {
            start = results.ToList().FindIndex(r => string.Equals(r.Key, bookmark, StringComparison.Ordinal));
            if (start < 0)
            {
                throw new ArgumentException($"The bookmark '{bookmark}' does not belong to the results of this query.", nameof(bookmark));
            }
        }

        var page = results.Skip(start).Take(pageSize).ToList();
        var next = start + pageSize < results.Count ? results[start + pageSize].Key : string.Empty;
        return Task.FromResult(new StateQueryPage<KeyValue>(page, page.Count, next));
    }

    /// <inheritdoc />
    public IStateQueryIterator<KeyModification> GetHistoryForKey(string key)
    {
        EnsureOpen();
        KeyRules.Key(key, nameof(key));
        return new ListQueryIterator<KeyModification>(_ledger.GetHistory(key));
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        EnsurePrivateAllowed(collection, key);
        var value = _ledger.ReadPrivate(collection, key);
        _reads.TryAdd((collection, key), value?.Version);
        return Task.FromResult(Copy(value?.Value));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]?>> GetMultiplePrivateDataAsync(string collection, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var values = new List<byte[]?>(keys.Count);
        foreach (var key in keys)
        {
            values.Add(await GetPrivateDataAsync(collection, key, cancellationToken).ConfigureAwait(false));
        }

        return values;
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        EnsurePrivateAllowed(collection, key);
        var value = _ledger.ReadPrivate(collection, key);
        _reads.TryAdd((collection, key), value?.Version);
        return Task.FromResult(value is null ? null : SHA256.HashData(value.Value));
    }

    /// <inheritdoc />
    public Task PutPrivateDataAsync(string collection, string key, byte[] value, CancellationToken cancellationToken = default)
    {
        EnsurePrivateAllowed(collection, key);
        ArgumentNullException.ThrowIfNull(value);
        BeforeWrite();
        _privateWrites[(collection, key)] = new PrivateWrite(value.Length == 0 ? null : (byte[])value.Clone(), IsPurge: false);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        EnsurePrivateAllowed(collection, key);
        BeforeWrite();
        _privateWrites[(collection, key)] = new PrivateWrite(null, IsPurge: false);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        EnsurePrivateAllowed(collection, key);
        BeforeWrite();
        _privateWrites[(collection, key)] = new PrivateWrite(null, IsPurge: true);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public IStateQueryIterator<KeyValue> GetPrivateDataByRange(string collection, string startKey, string endKey)
    {
        EnsurePrivateQueryAllowed(collection);
        KeyRules.SimpleRangeBound(startKey, nameof(startKey));
        KeyRules.SimpleRangeBound(endKey, nameof(endKey));
        return PrivateRange(collection, SimpleStart(startKey), endKey);
    }

    /// <inheritdoc />
    public IStateQueryIterator<KeyValue> GetPrivateDataByPartialCompositeKey(string collection, string objectType, IReadOnlyList<string> attributes)
    {
        EnsurePrivateQueryAllowed(collection);
        var prefix = KeyRules.CreateCompositeKey(objectType, attributes, nameof(objectType), nameof(attributes));
        return PrivateRange(collection, prefix, prefix + KeyRules.MaxUnicodeRune);
    }

    /// <inheritdoc />
    public IStateQueryIterator<KeyValue> GetPrivateDataQueryResult(string collection, string query)
    {
        EnsurePrivateQueryAllowed(collection);
        return new ListQueryIterator<KeyValue>(RichQuery.Parse(query).Execute(_ledger.ReadAll(collection)));
    }

    /// <inheritdoc />
    public Task SetStateValidationParameterAsync(string key, byte[] policy, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        KeyRules.Key(key, nameof(key));
        ArgumentNullException.ThrowIfNull(policy);
        BeforeWrite();
        _metadataWrites[(null, key)] = (byte[])policy.Clone();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        KeyRules.Key(key, nameof(key));
        _reads.TryAdd((null, key), _ledger.ReadState(key)?.Version);
        return Task.FromResult(Copy(_ledger.ReadStateMetadata(key)));
    }

    /// <inheritdoc />
    public Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] policy, CancellationToken cancellationToken = default)
    {
        EnsurePrivateAllowed(collection, key);
        ArgumentNullException.ThrowIfNull(policy);
        BeforeWrite();
        _metadataWrites[(collection, key)] = (byte[])policy.Clone();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        EnsurePrivateAllowed(collection, key);
        _reads.TryAdd((collection, key), _ledger.ReadPrivate(collection, key)?.Version);
        return Task.FromResult(Copy(_ledger.ReadPrivateMetadata(collection, key)));
    }

    /// <inheritdoc />
    public void SetEvent(string name, byte[] payload)
    {
        KeyRules.EventName(name, nameof(name));
        EnsureOpen();
        _event = new ChaincodeEventRecord(name, payload is null ? [] : (byte[])payload.Clone());
    }

    /// <inheritdoc />
    public Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        ArgumentException.ThrowIfNullOrEmpty(chaincodeName);
        ArgumentNullException.ThrowIfNull(args);
        var invoker = ChaincodeInvoker
            ?? throw new InvalidOperationException($"The transaction invoked chaincode '{chaincodeName}', but no other chaincode is available: set {nameof(InMemoryChaincodeStub)}.{nameof(ChaincodeInvoker)}.");
        return invoker(chaincodeName, args, channel, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>In memory, writes are buffered until <see cref="Commit"/> anyway, so batching changes nothing.</remarks>
    public void StartWriteBatch() => EnsureOpen();

    /// <inheritdoc />
    public Task FinishWriteBatchAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        return Task.CompletedTask;
    }

    private static string SimpleStart(string startKey) => startKey.Length == 0 ? "\u0001" : startKey;

    private ListQueryIterator<KeyValue> TrackedRange(string startKey, string endKey)
    {
        var results = _ledger.ReadRange(startKey, endKey);
        var iterator = new ListQueryIterator<KeyValue>(results.Select(r => new KeyValue(r.Key, (byte[])r.Value.Value.Clone())).ToList());
        _ranges.Add(new RangeTracker(startKey, endKey, results.Select(r => (r.Key, r.Value.Version)).ToList(), iterator));
        return iterator;
    }

    private ListQueryIterator<KeyValue> PrivateRange(string collection, string startKey, string endKey) =>
        new(_ledger.ReadPrivateRange(collection, startKey, endKey).Select(r => new KeyValue(r.Key, (byte[])r.Value.Value.Clone())).ToList());

    private StateQueryPage<KeyValue> RangePage(string startKey, string endKey, int pageSize, string bookmark)
    {
        CheckPage(pageSize, bookmark);
        BeforePaginatedQuery();
        var results = _ledger.ReadRange(bookmark.Length > 0 ? bookmark : startKey, endKey);
        var page = results.Take(pageSize).Select(r => new KeyValue(r.Key, (byte[])r.Value.Value.Clone())).ToList();
        var next = results.Count > pageSize ? results[pageSize].Key : string.Empty;
        return new StateQueryPage<KeyValue>(page, page.Count, next);
    }

    private static void CheckPage(int pageSize, string bookmark)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        ArgumentNullException.ThrowIfNull(bookmark);
    }

    private void EnsureOpen()
    {
        if (_completed)
        {
            throw KeyRules.StubCompleted(TxId);
        }
    }

    private void EnsurePrivateAllowed(string collection, string key)
    {
        EnsureOpen();
        KeyRules.Collection(collection, nameof(collection));
        KeyRules.Key(key, nameof(key));
        if (IsInit)
        {
            throw new InvalidOperationException("Private data is not available during Init: the peer rejects private data calls while initialising a chaincode.");
        }
    }

    private void EnsurePrivateQueryAllowed(string collection)
    {
        EnsureOpen();
        KeyRules.Collection(collection, nameof(collection));
        if (IsInit)
        {
            throw new InvalidOperationException("Private data is not available during Init: the peer rejects private data calls while initialising a chaincode.");
        }

        if (_writePerformed)
        {
            throw new InvalidOperationException("The transaction has already written, and Fabric allows queries on private data only in read-only transactions.");
        }

        _privateQueryPerformed = true;
    }

    private void BeforeWrite()
    {
        if (_paginatedQueryPerformed)
        {
            throw new InvalidOperationException("The transaction has run a paginated query, and Fabric allows paginated queries only in read-only transactions: it cannot write.");
        }

        if (_privateQueryPerformed)
        {
            throw new InvalidOperationException("The transaction has run a query on private data, and Fabric allows those only in read-only transactions: it cannot write.");
        }

        _writePerformed = true;
    }

    private void BeforePaginatedQuery()
    {
        if (_writePerformed)
        {
            throw new InvalidOperationException("The transaction has already written, and Fabric allows paginated queries only in read-only transactions.");
        }

        _paginatedQueryPerformed = true;
    }

    private string CreatorMspId()
    {
        try
        {
            return SerializedIdentity.Parser.ParseFrom(_creator).Mspid;
        }
        catch (InvalidProtocolBufferException)
        {
            return string.Empty;
        }
    }

    private static byte[]? Copy(byte[]? value) => value is null ? null : (byte[])value.Clone();

    private sealed record RangeTracker(string StartKey, string EndKey, List<(string Key, long Version)> Results, ListQueryIterator<KeyValue> Iterator);

    internal sealed record PrivateWrite(byte[]? Value, bool IsPurge);

    /// <summary>What a finished transaction hands to the ledger.</summary>
    internal sealed class WriteSet
    {
        public required string TxId { get; init; }

        public required FabricTimestamp Timestamp { get; init; }

        public required string CreatorMspId { get; init; }

        public required IReadOnlyList<byte[]> Args { get; init; }

        public required IReadOnlyList<ReadRecord> Reads { get; init; }

        public required IReadOnlyList<RangeRecord> Ranges { get; init; }

        public required IReadOnlyDictionary<string, byte[]?> Writes { get; init; }

        public required IReadOnlyDictionary<(string Collection, string Key), PrivateWrite> PrivateWrites { get; init; }

        public required IReadOnlyDictionary<(string? Collection, string Key), byte[]> MetadataWrites { get; init; }

        public required ChaincodeEventRecord? Event { get; init; }
    }
}
