using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FabricEvidence.Protocol.Ledger.QueryResult;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>
/// Answers the chaincode's requests the way Fabric's peer does (core/chaincode/handler.go and
/// query_response_generator.go): same checks, same reply payloads, same paging. Rich queries are emulated with a
/// tiny subset of CouchDB's selector language: <c>{"selector":{"field":value,...}}</c>, equality on top-level fields.
/// </summary>
internal sealed class RequestHandler
{
    private const string PrivateDataInInit = "private data APIs are not allowed in chaincode Init()";
    private readonly InMemoryLedger _ledger;
    private readonly TestPeerOptions _options;
    private int _iteratorCounter;

    public RequestHandler(InMemoryLedger ledger, TestPeerOptions options)
    {
        _ledger = ledger;
        _options = options;
    }

    /// <summary>The RESPONSE payload for <paramref name="request"/>.</summary>
    /// <exception cref="PeerErrorException">The peer would answer ERROR.</exception>
    public ByteString Handle(PeerTransaction tx, ChaincodeMessage request)
    {
        var p = request.Payload;
        try
        {
            switch (request.Type)
            {
                case MessageType.GetState:
                {
                    var get = GetState.Parser.ParseFrom(p);
                    PrivateCheck(tx, get.Collection);
                    return Bytes(_ledger.Get(get.Key, get.Collection));
                }

                case MessageType.GetPrivateDataHash:
                {
                    var get = GetState.Parser.ParseFrom(p);
                    if (tx.IsInit)
                    {
                        throw new PeerErrorException(PrivateDataInInit);
                    }

                    return _ledger.Get(get.Key, get.Collection) is { } value ? ByteString.CopyFrom(SHA256.HashData(value)) : ByteString.Empty;
                }

                case MessageType.GetStateMultiple:
                {
                    var get = GetStateMultiple.Parser.ParseFrom(p);
                    PrivateCheck(tx, get.Collection);
                    var result = new GetStateMultipleResult();
                    result.Values.AddRange(get.Keys.Select(k => Bytes(_ledger.Get(k, get.Collection))));
                    return result.ToByteString();
                }

                case MessageType.PutState:
                {
                    var put = PutState.Parser.ParseFrom(p);
                    PrivateCheck(tx, put.Collection);
                    tx.Simulation.Put(put.Collection, put.Key, put.Value.ToByteArray());
                    return ByteString.Empty;
                }

                case MessageType.DelState:
                {
                    var del = DelState.Parser.ParseFrom(p);
                    PrivateCheck(tx, del.Collection);
                    tx.Simulation.Delete(del.Collection, del.Key);
                    return ByteString.Empty;
                }

                case MessageType.PurgePrivateData:
                {
                    var del = DelState.Parser.ParseFrom(p);
                    Purge(tx, del.Collection, del.Key);
                    return ByteString.Empty;
                }

                case MessageType.PutStateMetadata:
                {
                    var put = PutStateMetadata.Parser.ParseFrom(p);
                    PutMetadata(tx, put.Collection, put.Key, put.Metadata);
                    return ByteString.Empty;
                }

                case MessageType.GetStateMetadata:
                {
                    MetadataCheck();
                    var get = GetStateMetadata.Parser.ParseFrom(p);
                    PrivateCheck(tx, get.Collection);
                    var result = new StateMetadataResult();
                    foreach (var (metaKey, value) in _ledger.GetMetadata(get.Key, get.Collection).OrderBy(e => e.Key, StringComparer.Ordinal))
                    {
                        result.Entries.Add(new StateMetadata { Metakey = metaKey, Value = ByteString.CopyFrom(value) });
                    }

                    return result.ToByteString();
                }

                case MessageType.WriteBatchState:
                {
                    foreach (var record in WriteBatchState.Parser.ParseFrom(p).Rec)
                    {
                        switch (record.Type)
                        {
                            case WriteRecord.Types.Type.PutState:
                                PrivateCheck(tx, record.Collection);
                                tx.Simulation.Put(record.Collection, record.Key, record.Value.ToByteArray());
                                break;
                            case WriteRecord.Types.Type.DelState:
                                PrivateCheck(tx, record.Collection);
                                tx.Simulation.Delete(record.Collection, record.Key);
                                break;
                            case WriteRecord.Types.Type.PurgePrivateData:
                                Purge(tx, record.Collection, record.Key);
                                break;
                            case WriteRecord.Types.Type.PutStateMetadata:
                                PutMetadata(tx, record.Collection, record.Key, record.Metadata);
                                break;
                            default:
                                throw new PeerErrorException("unknown operation type");
                        }
                    }

                    return ByteString.Empty;
                }

                case MessageType.GetStateByRange:
                {
                    var range = GetStateByRange.Parser.ParseFrom(p);
                    var metadata = range.Metadata.IsEmpty ? null : QueryMetadata.Parser.ParseFrom(range.Metadata);
                    if (range.Collection.Length > 0)
                    {
                        PrivateCheck(tx, range.Collection);
                        return Open(tx, KvResults(range.Collection, _ledger.Range(range.Collection, range.StartKey, range.EndKey)), null);
                    }

                    if (IsPaginated(metadata))
                    {
                        var start = metadata!.Bookmark.Length > 0 ? metadata.Bookmark : range.StartKey;
                        var all = _ledger.Range(string.Empty, start, range.EndKey);
                        return Open(tx, KvResults(string.Empty, all), metadata, i => i < all.Count ? all[i].Key : string.Empty);
                    }

                    return Open(tx, KvResults(string.Empty, _ledger.Range(string.Empty, range.StartKey, range.EndKey)), null);
                }

                case MessageType.GetQueryResult:
                {
                    var query = GetQueryResult.Parser.ParseFrom(p);
                    var metadata = query.Metadata.IsEmpty ? null : QueryMetadata.Parser.ParseFrom(query.Metadata);
                    PrivateCheck(tx, query.Collection);
                    var matches = RichQuery(query.Collection, query.Query);
                    if (query.Collection.Length == 0 && IsPaginated(metadata))
                    {
                        var after = metadata!.Bookmark;
                        var remaining = after.Length == 0 ? matches : matches.Where(m => Utf8KeyComparer.Instance.Compare(m.Key, after) > 0).ToList();
                        return Open(tx, KvResults(string.Empty, remaining), metadata, i => i > 0 && i <= remaining.Count ? remaining[i - 1].Key : string.Empty);
                    }

                    return Open(tx, KvResults(query.Collection, matches), null);
                }

                case MessageType.GetHistoryForKey:
                {
                    var key = GetHistoryForKey.Parser.ParseFrom(p).Key;
                    var results = _ledger.History(key).Select(h => new Protocol.Ledger.QueryResult.KeyModification
                    {
                        TxId = h.TxId,
                        Value = ByteString.CopyFrom(h.Value),
                        Timestamp = Timestamp.FromDateTimeOffset(h.Timestamp),
                        IsDelete = h.IsDelete,
                    }.ToByteString()).ToList();
                    return Open(tx, results, null);
                }

                case MessageType.QueryStateNext:
                {
                    var id = QueryStateNext.Parser.ParseFrom(p).Id;
                    if (!tx.Iterators.TryGetValue(id, out var iterator))
                    {
                        throw new PeerErrorException("query iterator not found");
                    }

                    return NextBatch(tx, id, iterator).ToByteString();
                }

                case MessageType.QueryStateClose:
                {
                    var id = QueryStateClose.Parser.ParseFrom(p).Id;
                    tx.Iterators.Remove(id);
                    return new QueryResponse { HasMore = false, Id = id }.ToByteString();
                }

                case MessageType.InvokeChaincode:
                {
                    var spec = ChaincodeSpec.Parser.ParseFrom(p);
                    var target = spec.ChaincodeId?.Name ?? string.Empty;
                    var slash = target.IndexOf('/', StringComparison.Ordinal);
                    var name = slash < 0 ? target : target[..slash];
                    var channel = slash < 0 ? tx.ChannelId : target[(slash + 1)..];
                    if (!_options.OtherChaincodes.TryGetValue(name, out var callee))
                    {
                        throw new PeerErrorException($"execute failed: chaincode definition for '{name}' not found on channel '{channel}'");
                    }

                    return callee(channel, spec.Input ?? new ChaincodeInput()).ToByteString();
                }

                default:
                    throw new PeerErrorException($"Fabric side handler cannot handle message ({Names.Of(request.Type)}) while in ready state");
            }
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new PeerErrorException("unmarshal failed: " + ex.Message);
        }
    }

    private static ByteString Bytes(byte[]? value) => value is null ? ByteString.Empty : ByteString.CopyFrom(value);

    private static bool IsPaginated(QueryMetadata? metadata) => metadata is not null && (metadata.PageSize != 0 || metadata.Bookmark.Length != 0);

    private static void PrivateCheck(PeerTransaction tx, string collection)
    {
        if (collection.Length > 0 && tx.IsInit)
        {
            throw new PeerErrorException(PrivateDataInInit);
        }
    }

    private void MetadataCheck()
    {
        if (!_options.KeyLevelEndorsement)
        {
            throw new PeerErrorException("key level endorsement is not enabled, channel application capability of V1_3 or later is required");
        }
    }

    private void Purge(PeerTransaction tx, string collection, string key)
    {
        if (!_options.PurgePrivateData)
        {
            throw new PeerErrorException("purge private data is not enabled, channel application capability of V2_5 or later is required");
        }

        if (collection.Length == 0)
        {
            throw new PeerErrorException("only applicable for private data");
        }

        PrivateCheck(tx, collection);
        tx.Simulation.Purge(collection, key);
    }

    private void PutMetadata(PeerTransaction tx, string collection, string key, StateMetadata? metadata)
    {
        MetadataCheck();
        PrivateCheck(tx, collection);
        tx.Simulation.PutMetadata(collection, key, metadata?.Metakey ?? string.Empty, metadata?.Value.ToByteArray() ?? Array.Empty<byte>());
    }

    private static List<ByteString> KvResults(string collection, IReadOnlyList<KeyValuePair<string, byte[]>> entries) =>
        entries.Select(e => new KV { Namespace = collection, Key = e.Key, Value = ByteString.CopyFrom(e.Value) }.ToByteString()).ToList();

    private List<KeyValuePair<string, byte[]>> RichQuery(string collection, string query)
    {
        JsonElement selector;
        try
        {
            using var document = JsonDocument.Parse(query);
            if (!document.RootElement.TryGetProperty("selector", out var s) || s.ValueKind != JsonValueKind.Object)
            {
                throw new PeerErrorException("invalid query: a selector object is required");
            }

            selector = s.Clone();
        }
        catch (JsonException ex)
        {
            throw new PeerErrorException("invalid query: " + ex.Message);
        }

        var matches = new List<KeyValuePair<string, byte[]>>();
        foreach (var entry in _ledger.All(collection))
        {
            try
            {
                using var value = JsonDocument.Parse(entry.Value);
                if (value.RootElement.ValueKind == JsonValueKind.Object && selector.EnumerateObject().All(field =>
                        value.RootElement.TryGetProperty(field.Name, out var actual) && actual.GetRawText() == field.Value.GetRawText()))
                {
                    matches.Add(entry);
                }
            }
            catch (JsonException)
            {
                // Non-JSON values never match a selector, as in CouchDB.
            }
        }

        return matches;
    }

    /// <summary>Registers a new iterator and answers with its first batch (or the whole page when paginated).</summary>
    private ByteString Open(PeerTransaction tx, IReadOnlyList<ByteString> results, QueryMetadata? page, Func<int, string>? bookmarkAt = null)
    {
        var id = "iterator-" + Interlocked.Increment(ref _iteratorCounter).ToString(CultureInfo.InvariantCulture);
        var iterator = new QueryIteratorState(results);
        if (page is null)
        {
            tx.Iterators[id] = iterator;
            return NextBatch(tx, id, iterator).ToByteString();
        }

        // Paginated: the whole page at once, has_more false, and the bookmark to continue from.
        var limit = page.PageSize > 0 && page.PageSize < _options.TotalQueryLimit ? page.PageSize : _options.TotalQueryLimit;
        var count = Math.Min(limit, results.Count);
        var response = new QueryResponse { HasMore = false, Id = id };
        response.Results.AddRange(results.Take(count).Select(r => new QueryResultBytes { ResultBytes = r }));
        var bookmark = bookmarkAt is null ? string.Empty : bookmarkAt(count);
        response.Metadata = new QueryResponseMetadata { FetchedRecordsCount = count, Bookmark = bookmark }.ToByteString();
        return response.ToByteString();
    }

    /// <summary>The next batch as the peer cuts it: at most the batch size, has_more only when a further result exists.</summary>
    private QueryResponse NextBatch(PeerTransaction tx, string id, QueryIteratorState iterator)
    {
        var response = new QueryResponse { Id = id };
        while (true)
        {
            if (iterator.Returned >= _options.TotalQueryLimit || iterator.Position >= iterator.Results.Count)
            {
                response.HasMore = false;
                tx.Iterators.Remove(id);
                return response;
            }

            if (response.Results.Count == _options.QueryBatchSize)
            {
                response.HasMore = true;
                return response;
            }

            response.Results.Add(new QueryResultBytes { ResultBytes = iterator.Results[iterator.Position++] });
            iterator.Returned++;
        }
    }
}
