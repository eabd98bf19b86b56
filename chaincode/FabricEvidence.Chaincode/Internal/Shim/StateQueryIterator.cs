using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// A query's results, fetched from the peer as they are enumerated: the opening request goes out on the first
/// <c>MoveNextAsync</c>, QUERY_STATE_NEXT when the buffered batch is used up and the peer said it has more, and
/// QUERY_STATE_CLOSE when the iterator is disposed. CLOSE is sent on every dispose of an opened iterator, exhausted or
/// not (the Go shim's Close and the Node shim's for-await do the same): for an exhausted iterator the peer has already
/// closed it and answers CLOSE without effect, for an abandoned one it frees the peer's resources at once rather than
/// at the end of the transaction.
/// </summary>
internal sealed class StateQueryIterator<T> : IStateQueryIterator<T>, IAsyncEnumerator<T>
{
    private readonly TransactionContext _context;
    private readonly MessageType _requestType;
    private readonly IMessage _request;
    private readonly Func<ByteString, T> _decode;
    private CancellationToken _cancellationToken;
    private QueryResponse? _batch;
    private int _index;
    private int _enumerated;
    private bool _closed;

    public StateQueryIterator(TransactionContext context, MessageType requestType, IMessage request, Func<ByteString, T> decode)
    {
        _context = context;
        _requestType = requestType;
        _request = request;
        _decode = decode;
    }

    public T Current { get; private set; } = default!;

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A query iterator can be enumerated only once; run the query again to read its results again.");
        }

        _cancellationToken = cancellationToken;
        return this;
    }

    public async ValueTask<bool> MoveNextAsync()
    {
        if (_closed)
        {
            return false;
        }

        if (_batch is null)
        {
            _batch = await FetchAsync(_requestType, _request).ConfigureAwait(false);
        }

        while (_index >= _batch.Results.Count)
        {
            if (!_batch.HasMore)
            {
                Current = default!;
                return false;
            }

            _batch = await FetchAsync(MessageType.QueryStateNext, new QueryStateNext { Id = _batch.Id }).ConfigureAwait(false);
            _index = 0;
        }

        Current = _decode(_batch.Results[_index++].ResultBytes);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        if (_batch is null)
        {
            return;
        }

        // After the transaction the peer has closed every iterator of it; a CLOSE then would only be rejected.
        try
        {
            _context.ThrowIfCompleted();
        }
        catch (InvalidOperationException)
        {
            return;
        }

        await _context.RequestAsync(MessageType.QueryStateClose, new QueryStateClose { Id = _batch.Id }, _cancellationToken).ConfigureAwait(false);
    }

    private async Task<QueryResponse> FetchAsync(MessageType type, IMessage request)
    {
        var payload = await _context.RequestAsync(type, request, _cancellationToken).ConfigureAwait(false);
        return QueryDecoding.ParseResponse(payload, type, _context);
    }
}

/// <summary>Decoding of query replies, shared by iterators and paginated queries.</summary>
internal static class QueryDecoding
{
    public static QueryResponse ParseResponse(ByteString payload, MessageType type, TransactionContext context)
    {
        try
        {
            return QueryResponse.Parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new PeerRequestException($"The peer's reply to {TransactionContext.Name(type)} is not a QueryResponse: {ex.Message}",
                TransactionContext.Name(type), context.ChannelId, context.TxId, ex);
        }
    }

    public static KeyValue DecodeKeyValue(ByteString bytes)
    {
        var kv = Protocol.Ledger.QueryResult.KV.Parser.ParseFrom(bytes);
        return new KeyValue(kv.Key, kv.Value.ToByteArray());
    }

    public static KeyModification DecodeKeyModification(ByteString bytes)
    {
        var modification = Protocol.Ledger.QueryResult.KeyModification.Parser.ParseFrom(bytes);
        var ts = modification.Timestamp;
        var timestamp = ts is null ? FabricTimestamp.UnixEpoch : new FabricTimestamp(ts.Seconds, ts.Nanos);
        return new KeyModification(modification.TxId, modification.Value.ToByteArray(), timestamp, modification.IsDelete);
    }
}
