using System.Text;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;
using WriteType = FabricEvidence.Protocol.Peer.WriteRecord.Types.Type;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// The stub of one transaction, speaking Fabric's chaincode protocol through its <see cref="TransactionContext"/>.
/// Every argument is checked before anything is sent; a request the peer refuses surfaces as
/// <see cref="PeerRequestException"/> with the peer's message.
/// </summary>
internal sealed class ChaincodeStub : IChaincodeStub
{
    /// <summary>The metadata key of key-level endorsement policies (<c>peer.MetaDataKeys.VALIDATION_PARAMETER</c>).</summary>
    public const string ValidationParameterKey = "VALIDATION_PARAMETER";

    private readonly TransactionContext _context;
    private readonly ChaincodeInput _input;
    private readonly ProposalInfo _proposal;
    private readonly string? _mspId;
    private readonly SignedProposal? _signedProposal;
    private IReadOnlyList<byte[]>? _args;
    private IReadOnlyList<string>? _stringArgs;
    private IReadOnlyList<string>? _parameters;
    private ClientIdentity? _creatorIdentity;
    private IReadOnlyDictionary<string, byte[]>? _decorations;
    private WriteBatch? _writeBatch;

    public ChaincodeStub(TransactionContext context, ChaincodeInput input, ProposalInfo proposal, string? mspId, SignedProposal? signedProposal = null)
    {
        _context = context;
        _input = input;
        _proposal = proposal;
        _mspId = mspId;
        _signedProposal = signedProposal;
    }

    /// <summary>The event to send with COMPLETED; <see langword="null"/> when the chaincode set none.</summary>
    public ChaincodeEvent? Event { get; private set; }

    public IReadOnlyList<byte[]> Args => _args ??= _input.Args.Select(static a => a.ToByteArray()).ToArray();

    public IReadOnlyList<string> StringArgs => _stringArgs ??= _input.Args.Select(static a => a.ToStringUtf8()).ToArray();

    public string FunctionName => StringArgs.Count > 0 ? StringArgs[0] : string.Empty;

    public IReadOnlyList<string> Parameters => _parameters ??= StringArgs.Count > 1 ? StringArgs.Skip(1).ToArray() : Array.Empty<string>();

    public string TxId => _context.TxId;

    public string ChannelId => _context.ChannelId;

    public byte[] Creator => _proposal.Creator;

    public ClientIdentity CreatorIdentity => _creatorIdentity ??= ClientIdentity.FromCreator(_proposal.Creator);

    public IReadOnlyDictionary<string, byte[]> Transient => _proposal.Transient;

    public byte[] Binding => _proposal.Binding;

    public SignedProposal? SignedProposal => _signedProposal;

    public FabricTimestamp TxTimestamp => _proposal.Timestamp;

    public IReadOnlyDictionary<string, byte[]> Decorations =>
        _decorations ??= _input.Decorations.ToDictionary(static d => d.Key, static d => d.Value.ToByteArray(), StringComparer.Ordinal);

    public string MspId => _mspId ?? throw new InvalidOperationException(
        "CORE_PEER_LOCALMSPID is not set in the chaincode process: set it to the MSP id of the peer's organisation (the value of the peer's own CORE_PEER_LOCALMSPID).");

    // ---- world state -------------------------------------------------------------------------------------------

    public Task<byte[]?> GetStateAsync(string key, CancellationToken cancellationToken = default)
    {
        KeyRules.Key(key, nameof(key));
        return GetAsync(MessageType.GetState, new GetState { Key = key }, cancellationToken);
    }

    public Task<IReadOnlyList<byte[]?>> GetMultipleStatesAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        GetMultipleAsync(string.Empty, keys, nameof(keys), cancellationToken);

    public Task PutStateAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        KeyRules.Key(key, nameof(key));
        ArgumentNullException.ThrowIfNull(value);
        return WriteAsync(WriteType.PutState, string.Empty, key, value, null, cancellationToken);
    }

    public Task DeleteStateAsync(string key, CancellationToken cancellationToken = default)
    {
        KeyRules.Key(key, nameof(key));
        return WriteAsync(WriteType.DelState, string.Empty, key, null, null, cancellationToken);
    }

    public IStateQueryIterator<KeyValue> GetStateByRange(string startKey, string endKey)
    {
        var request = RangeRequest(string.Empty, startKey, endKey, nameof(startKey), nameof(endKey));
        _context.ThrowIfCompleted();
        return new StateQueryIterator<KeyValue>(_context, MessageType.GetStateByRange, request, QueryDecoding.DecodeKeyValue);
    }

    public Task<StateQueryPage<KeyValue>> GetStateByRangeWithPaginationAsync(string startKey, string endKey, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var request = RangeRequest(string.Empty, startKey, endKey, nameof(startKey), nameof(endKey));
        request.Metadata = PageMetadata(pageSize, bookmark);
        return QueryPageAsync(MessageType.GetStateByRange, request, cancellationToken);
    }

    public string CreateCompositeKey(string objectType, IReadOnlyList<string> attributes) =>
        KeyRules.CreateCompositeKey(objectType, attributes, nameof(objectType), nameof(attributes));

    public (string ObjectType, IReadOnlyList<string> Attributes) SplitCompositeKey(string compositeKey) =>
        KeyRules.SplitCompositeKey(compositeKey, nameof(compositeKey));

    public IStateQueryIterator<KeyValue> GetStateByPartialCompositeKey(string objectType, IReadOnlyList<string> attributes)
    {
        var request = PartialKeyRequest(string.Empty, objectType, attributes);
        _context.ThrowIfCompleted();
        return new StateQueryIterator<KeyValue>(_context, MessageType.GetStateByRange, request, QueryDecoding.DecodeKeyValue);
    }

    public Task<StateQueryPage<KeyValue>> GetStateByPartialCompositeKeyWithPaginationAsync(string objectType, IReadOnlyList<string> attributes, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var request = PartialKeyRequest(string.Empty, objectType, attributes);
        request.Metadata = PageMetadata(pageSize, bookmark);
        return QueryPageAsync(MessageType.GetStateByRange, request, cancellationToken);
    }

    public IStateQueryIterator<KeyValue> GetQueryResult(string query)
    {
        var request = new GetQueryResult { Query = CheckQuery(query) };
        _context.ThrowIfCompleted();
        return new StateQueryIterator<KeyValue>(_context, MessageType.GetQueryResult, request, QueryDecoding.DecodeKeyValue);
    }

    public Task<StateQueryPage<KeyValue>> GetQueryResultWithPaginationAsync(string query, int pageSize, string bookmark, CancellationToken cancellationToken = default)
    {
        var request = new GetQueryResult { Query = CheckQuery(query) };
        request.Metadata = PageMetadata(pageSize, bookmark);
        return QueryPageAsync(MessageType.GetQueryResult, request, cancellationToken);
    }

    public IStateQueryIterator<KeyModification> GetHistoryForKey(string key)
    {
        KeyRules.Key(key, nameof(key));
        _context.ThrowIfCompleted();
        return new StateQueryIterator<KeyModification>(_context, MessageType.GetHistoryForKey, new GetHistoryForKey { Key = key }, QueryDecoding.DecodeKeyModification);
    }

    // ---- private data ------------------------------------------------------------------------------------------

    public Task<byte[]?> GetPrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        KeyRules.Collection(collection, nameof(collection));
        KeyRules.Key(key, nameof(key));
        return GetAsync(MessageType.GetState, new GetState { Key = key, Collection = collection }, cancellationToken);
    }

    public Task<IReadOnlyList<byte[]?>> GetMultiplePrivateDataAsync(string collection, IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        KeyRules.Collection(collection, nameof(collection));
        return GetMultipleAsync(collection, keys, nameof(keys), cancellationToken);
    }

    public Task<byte[]?> GetPrivateDataHashAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        KeyRules.Collection(collection, nameof(collection));
        KeyRules.Key(key, nameof(key));
        return GetAsync(MessageType.GetPrivateDataHash, new GetState { Key = key, Collection = collection }, cancellationToken);
    }

    public Task PutPrivateDataAsync(string collection, string key, byte[] value, CancellationToken cancellationToken = default)
    {
        KeyRules.Collection(collection, nameof(collection));
        KeyRules.Key(key, nameof(key));
        ArgumentNullException.ThrowIfNull(value);
        return WriteAsync(WriteType.PutState, collection, key, value, null, cancellationToken);
    }

    public Task DeletePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        KeyRules.Collection(collection, nameof(collection));
        KeyRules.Key(key, nameof(key));
        return WriteAsync(WriteType.DelState, collection, key, null, null, cancellationToken);
    }

    public Task PurgePrivateDataAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        KeyRules.Collection(collection, nameof(collection));
        KeyRules.Key(key, nameof(key));
        return WriteAsync(WriteType.PurgePrivateData, collection, key, null, null, cancellationToken);
    }

    public IStateQueryIterator<KeyValue> GetPrivateDataByRange(string collection, string startKey, string endKey)
    {
        KeyRules.Collection(collection, nameof(collection));
        var request = RangeRequest(collection, startKey, endKey, nameof(startKey), nameof(endKey));
        _context.ThrowIfCompleted();
        return new StateQueryIterator<KeyValue>(_context, MessageType.GetStateByRange, request, QueryDecoding.DecodeKeyValue);
    }

    public IStateQueryIterator<KeyValue> GetPrivateDataByPartialCompositeKey(string collection, string objectType, IReadOnlyList<string> attributes)
    {
        KeyRules.Collection(collection, nameof(collection));
        var request = PartialKeyRequest(collection, objectType, attributes);
        _context.ThrowIfCompleted();
        return new StateQueryIterator<KeyValue>(_context, MessageType.GetStateByRange, request, QueryDecoding.DecodeKeyValue);
    }

    public IStateQueryIterator<KeyValue> GetPrivateDataQueryResult(string collection, string query)
    {
        KeyRules.Collection(collection, nameof(collection));
        var request = new GetQueryResult { Query = CheckQuery(query), Collection = collection };
        _context.ThrowIfCompleted();
        return new StateQueryIterator<KeyValue>(_context, MessageType.GetQueryResult, request, QueryDecoding.DecodeKeyValue);
    }

    // ---- key-level endorsement ---------------------------------------------------------------------------------

    public Task SetStateValidationParameterAsync(string key, byte[] policy, CancellationToken cancellationToken = default)
    {
        KeyRules.Key(key, nameof(key));
        ArgumentNullException.ThrowIfNull(policy);
        return WriteAsync(WriteType.PutStateMetadata, string.Empty, key, null, policy, cancellationToken);
    }

    public Task<byte[]?> GetStateValidationParameterAsync(string key, CancellationToken cancellationToken = default)
    {
        KeyRules.Key(key, nameof(key));
        return GetValidationParameterAsync(string.Empty, key, cancellationToken);
    }

    public Task SetPrivateDataValidationParameterAsync(string collection, string key, byte[] policy, CancellationToken cancellationToken = default)
    {
        KeyRules.Collection(collection, nameof(collection));
        KeyRules.Key(key, nameof(key));
        ArgumentNullException.ThrowIfNull(policy);
        return WriteAsync(WriteType.PutStateMetadata, collection, key, null, policy, cancellationToken);
    }

    public Task<byte[]?> GetPrivateDataValidationParameterAsync(string collection, string key, CancellationToken cancellationToken = default)
    {
        KeyRules.Collection(collection, nameof(collection));
        KeyRules.Key(key, nameof(key));
        return GetValidationParameterAsync(collection, key, cancellationToken);
    }

    // ---- events, other chaincodes, batching --------------------------------------------------------------------

    public void SetEvent(string name, byte[] payload)
    {
        KeyRules.EventName(name, nameof(name));
        _context.ThrowIfCompleted();
        Event = new ChaincodeEvent
        {
            EventName = name,
            Payload = payload is { Length: > 0 } ? ByteString.CopyFrom(payload) : ByteString.Empty,
        };
    }

    public async Task<ChaincodeResponse> InvokeChaincodeAsync(string chaincodeName, IReadOnlyList<byte[]> args, string? channel = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeName);
        ArgumentNullException.ThrowIfNull(args);
        if (chaincodeName.Length == 0 || chaincodeName.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The chaincode name {KeyRules.Describe(chaincodeName)} must be non-empty and must not contain '/'; pass the channel separately.", nameof(chaincodeName));
        }

        KeyRules.Utf8(chaincodeName, "chaincode name", nameof(chaincodeName));
        if (!string.IsNullOrEmpty(channel))
        {
            KeyRules.Utf8(channel, "channel name", nameof(channel));
        }

        var input = new ChaincodeInput();
        for (var i = 0; i < args.Count; i++)
        {
            input.Args.Add(ByteString.CopyFrom(args[i] ?? throw new ArgumentNullException(nameof(args), $"Argument {i} is null.")));
        }

        var spec = new ChaincodeSpec
        {
            ChaincodeId = new ChaincodeID { Name = string.IsNullOrEmpty(channel) ? chaincodeName : chaincodeName + "/" + channel },
            Input = input,
        };

        var payload = await _context.RequestAsync(MessageType.InvokeChaincode, spec, cancellationToken).ConfigureAwait(false);
        ChaincodeMessage result;
        try
        {
            result = ChaincodeMessage.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw Protocol("INVOKE_CHAINCODE", "a ChaincodeMessage", ex);
        }

        if (result.Type == MessageType.Completed)
        {
            Response response;
            try
            {
                response = Response.Parser.ParseFrom(result.Payload);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw Protocol("INVOKE_CHAINCODE", "a completed Response", ex);
            }

            return new ChaincodeResponse(response.Status, response.Message, response.Payload.ToByteArray());
        }

        // The called chaincode answered ERROR: its payload is the error text, not a Response.
        throw new PeerRequestException(result.Payload.ToStringUtf8(), "INVOKE_CHAINCODE", ChannelId, TxId);
    }

    public void StartWriteBatch()
    {
        _context.ThrowIfCompleted();
        if (_context.Capabilities.UseWriteBatch)
        {
            Interlocked.CompareExchange(ref _writeBatch, new WriteBatch(), null);
        }
    }

    public Task FinishWriteBatchAsync(CancellationToken cancellationToken = default) => FlushWriteBatchAsync(cancellationToken);

    /// <summary>Sends the buffered writes, if any, in chunks of the peer's advertised size; later writes go one by one again.</summary>
    public async Task FlushWriteBatchAsync(CancellationToken cancellationToken)
    {
        var batch = Interlocked.Exchange(ref _writeBatch, null);
        if (batch is null)
        {
            return;
        }

        batch.Seal();
        if (batch.Count == 0)
        {
            return;
        }

        foreach (var chunk in batch.Chunks(_context.Capabilities.MaxSizeWriteBatch))
        {
            await _context.RequestAsync(MessageType.WriteBatchState, chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private async Task<byte[]?> GetAsync(MessageType type, IMessage request, CancellationToken cancellationToken)
    {
        var payload = await _context.RequestAsync(type, request, cancellationToken).ConfigureAwait(false);
        return payload.IsEmpty ? null : payload.ToByteArray();
    }

    private async Task<IReadOnlyList<byte[]?>> GetMultipleAsync(string collection, IReadOnlyList<string> keys, string parameterName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys, parameterName);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is null)
            {
                throw new ArgumentNullException(parameterName, $"Key {i} is null.");
            }

            KeyRules.Key(keys[i], parameterName);
        }

        _context.ThrowIfCompleted();
        var values = new byte[]?[keys.Count];
        if (keys.Count == 0)
        {
            return values;
        }

        var capabilities = _context.Capabilities;
        if (!capabilities.UseGetMultipleKeys)
        {
            for (var i = 0; i < keys.Count; i++)
            {
                values[i] = await GetAsync(MessageType.GetState, new GetState { Key = keys[i], Collection = collection }, cancellationToken).ConfigureAwait(false);
            }

            return values;
        }

        for (var start = 0; start < keys.Count; start += capabilities.MaxSizeGetMultipleKeys)
        {
            var count = Math.Min(capabilities.MaxSizeGetMultipleKeys, keys.Count - start);
            var request = new GetStateMultiple { Collection = collection };
            for (var i = 0; i < count; i++)
            {
                request.Keys.Add(keys[start + i]);
            }

            var payload = await _context.RequestAsync(MessageType.GetStateMultiple, request, cancellationToken).ConfigureAwait(false);
            GetStateMultipleResult result;
            try
            {
                result = GetStateMultipleResult.Parser.ParseFrom(payload);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw Protocol("GET_STATE_MULTIPLE", "a GetStateMultipleResult", ex);
            }

            if (result.Values.Count != count)
            {
                throw new PeerRequestException($"The peer answered GET_STATE_MULTIPLE for {count} keys with {result.Values.Count} values.", "GET_STATE_MULTIPLE", ChannelId, TxId);
            }

            for (var i = 0; i < count; i++)
            {
                values[start + i] = result.Values[i].IsEmpty ? null : result.Values[i].ToByteArray();
            }
        }

        return values;
    }

    private Task WriteAsync(WriteType type, string collection, string key, byte[]? value, byte[]? policy, CancellationToken cancellationToken)
    {
        _context.ThrowIfCompleted();
        if (Volatile.Read(ref _writeBatch) is { } batch)
        {
            var record = new WriteRecord { Type = type, Key = key, Collection = collection };
            if (value is { Length: > 0 })
            {
                record.Value = ByteString.CopyFrom(value);
            }

            if (policy is not null)
            {
                record.Metadata = new StateMetadata { Metakey = ValidationParameterKey, Value = ByteString.CopyFrom(policy) };
            }

            // Chaincode may write from parallel tasks; a write that loses the race with a flush is sent on its own.
            if (batch.TryAdd(record))
            {
                return Task.CompletedTask;
            }
        }

        IMessage request = type switch
        {
            WriteType.PutState => new PutState { Key = key, Value = ByteString.CopyFrom(value!), Collection = collection },
            WriteType.DelState => new DelState { Key = key, Collection = collection },
            // The peer reads PURGE_PRIVATE_DATA as a DelState; Node's PurgePrivateState has the same fields and numbers.
            WriteType.PurgePrivateData => new DelState { Key = key, Collection = collection },
            _ => new PutStateMetadata
            {
                Key = key,
                Collection = collection,
                Metadata = new StateMetadata { Metakey = ValidationParameterKey, Value = ByteString.CopyFrom(policy!) },
            },
        };
        return _context.RequestAsync((MessageType)(int)type, request, cancellationToken);
    }

    private async Task<byte[]?> GetValidationParameterAsync(string collection, string key, CancellationToken cancellationToken)
    {
        var payload = await _context.RequestAsync(MessageType.GetStateMetadata, new GetStateMetadata { Key = key, Collection = collection }, cancellationToken).ConfigureAwait(false);
        StateMetadataResult result;
        try
        {
            result = StateMetadataResult.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw Protocol("GET_STATE_METADATA", "a StateMetadataResult", ex);
        }

        foreach (var entry in result.Entries)
        {
            if (entry.Metakey == ValidationParameterKey)
            {
                return entry.Value.IsEmpty ? null : entry.Value.ToByteArray();
            }
        }

        return null;
    }

    private static GetStateByRange RangeRequest(string collection, string startKey, string endKey, string startName, string endName)
    {
        KeyRules.SimpleRangeBound(startKey, startName);
        KeyRules.SimpleRangeBound(endKey, endName);
        return new GetStateByRange
        {
            StartKey = startKey.Length == 0 ? KeyRules.EmptyKeySubstitute : startKey,
            EndKey = endKey,
            Collection = collection,
        };
    }

    private static GetStateByRange PartialKeyRequest(string collection, string objectType, IReadOnlyList<string> attributes)
    {
        var prefix = KeyRules.CreateCompositeKey(objectType, attributes, nameof(objectType), nameof(attributes));
        return new GetStateByRange { StartKey = prefix, EndKey = prefix + KeyRules.MaxUnicodeRune, Collection = collection };
    }

    private static string CheckQuery(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new ArgumentException("The query must not be empty.", nameof(query));
        }

        KeyRules.Utf8(query, "query", nameof(query));
        return query;
    }

    private static ByteString PageMetadata(int pageSize, string bookmark)
    {
        if (pageSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be positive.");
        }

        bookmark ??= string.Empty;
        KeyRules.Utf8(bookmark, "bookmark", nameof(bookmark));
        return new QueryMetadata { PageSize = pageSize, Bookmark = bookmark }.ToByteString();
    }

    private async Task<StateQueryPage<KeyValue>> QueryPageAsync(MessageType type, IMessage request, CancellationToken cancellationToken)
    {
        _context.ThrowIfCompleted();
        var response = QueryDecoding.ParseResponse(await _context.RequestAsync(type, request, cancellationToken).ConfigureAwait(false), type, _context);
        var records = new List<KeyValue>(response.Results.Count);
        var metadata = response.Metadata;
        while (true)
        {
            foreach (var result in response.Results)
            {
                records.Add(QueryDecoding.DecodeKeyValue(result.ResultBytes));
            }

            // A paginated reply comes whole (has_more false); follow has_more anyway rather than lose records.
            if (!response.HasMore)
            {
                break;
            }

            response = QueryDecoding.ParseResponse(
                await _context.RequestAsync(MessageType.QueryStateNext, new QueryStateNext { Id = response.Id }, cancellationToken).ConfigureAwait(false),
                MessageType.QueryStateNext, _context);
            if (!response.Metadata.IsEmpty)
            {
                metadata = response.Metadata;
            }
        }

        var page = metadata.IsEmpty ? new QueryResponseMetadata() : QueryResponseMetadata.Parser.ParseFrom(metadata);
        return new StateQueryPage<KeyValue>(records, page.FetchedRecordsCount, page.Bookmark);
    }

    private PeerRequestException Protocol(string type, string expected, Exception inner) =>
        new($"The peer's reply to {type} is not {expected}: {inner.Message}", type, ChannelId, TxId, inner);

    public override string ToString() => new StringBuilder("ChaincodeStub(").Append(ChannelId).Append('/').Append(TxId).Append(')').ToString();
}
