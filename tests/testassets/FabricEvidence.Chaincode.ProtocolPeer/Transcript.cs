using System.Globalization;
using System.Text;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>Which way a message went.</summary>
public enum Direction
{
    /// <summary>From the chaincode to the peer.</summary>
    ToPeer,

    /// <summary>From the peer to the chaincode.</summary>
    ToChaincode,
}

/// <summary>One message of a conversation, with its payload decoded into a stable, comparable text.</summary>
public sealed record TranscriptEntry(int Sequence, Direction Direction, MessageType Type, string ChannelId, string TxId, string Detail)
{
    /// <summary>The message without sequence, channel and txid: what two conversations of the same transaction must agree on.</summary>
    public string Normalised => $"{(Direction == Direction.ToPeer ? "cc->peer" : "peer->cc")} {Names.Of(Type)} {Detail}";

    public override string ToString() => $"#{Sequence} [{ChannelId}/{TxId}] {Normalised}";
}

/// <summary>Everything sent and received on one test peer's stream, in order.</summary>
public sealed class Transcript
{
    private readonly object _lock = new();
    private readonly List<TranscriptEntry> _entries = new();

    public IReadOnlyList<TranscriptEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return _entries.ToList();
            }
        }
    }

    /// <summary>The messages of one transaction, in order.</summary>
    public IReadOnlyList<TranscriptEntry> ForTransaction(string channelId, string txId) =>
        Entries.Where(e => e.ChannelId == channelId && e.TxId == txId).ToList();

    /// <summary>
    /// The normalised lines of one transaction. Iterator ids (random per peer run) become #1, #2… in order of first
    /// appearance within the transaction.
    /// </summary>
    public IReadOnlyList<string> NormalisedLines(string channelId, string txId)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ForTransaction(channelId, txId).Select(e => Names.ReplaceIteratorIds(e.Normalised, ids)).ToList();
    }

    internal void Add(Direction direction, ChaincodeMessage message, MessageType? answers)
    {
        var detail = Describe.Message(message, direction, answers);
        lock (_lock)
        {
            _entries.Add(new TranscriptEntry(_entries.Count + 1, direction, message.Type, message.ChannelId, message.Txid, detail));
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, Entries);
}

/// <summary>Fabric's names of message types, and iterator-id normalisation.</summary>
public static class Names
{
    public static string Of(MessageType type) => type switch
    {
        MessageType.Register => "REGISTER",
        MessageType.Registered => "REGISTERED",
        MessageType.Init => "INIT",
        MessageType.Ready => "READY",
        MessageType.Transaction => "TRANSACTION",
        MessageType.Completed => "COMPLETED",
        MessageType.Error => "ERROR",
        MessageType.GetState => "GET_STATE",
        MessageType.PutState => "PUT_STATE",
        MessageType.DelState => "DEL_STATE",
        MessageType.InvokeChaincode => "INVOKE_CHAINCODE",
        MessageType.Response => "RESPONSE",
        MessageType.GetStateByRange => "GET_STATE_BY_RANGE",
        MessageType.GetQueryResult => "GET_QUERY_RESULT",
        MessageType.QueryStateNext => "QUERY_STATE_NEXT",
        MessageType.QueryStateClose => "QUERY_STATE_CLOSE",
        MessageType.Keepalive => "KEEPALIVE",
        MessageType.GetHistoryForKey => "GET_HISTORY_FOR_KEY",
        MessageType.GetStateMetadata => "GET_STATE_METADATA",
        MessageType.PutStateMetadata => "PUT_STATE_METADATA",
        MessageType.GetPrivateDataHash => "GET_PRIVATE_DATA_HASH",
        MessageType.PurgePrivateData => "PURGE_PRIVATE_DATA",
        MessageType.WriteBatchState => "WRITE_BATCH_STATE",
        MessageType.GetStateMultiple => "GET_STATE_MULTIPLE",
        _ => ((int)type).ToString(CultureInfo.InvariantCulture),
    };

    internal static string ReplaceIteratorIds(string line, Dictionary<string, string> ids)
    {
        const string Marker = "id=";
        var builder = new StringBuilder(line.Length);
        var index = 0;
        while (true)
        {
            var at = line.IndexOf(Marker, index, StringComparison.Ordinal);
            if (at < 0)
            {
                builder.Append(line, index, line.Length - index);
                return builder.ToString();
            }

            var start = at + Marker.Length;
            var end = start;
            while (end < line.Length && line[end] != ' ' && line[end] != '}' && line[end] != ',')
            {
                end++;
            }

            var id = line[start..end];
            if (!ids.TryGetValue(id, out var replacement))
            {
                replacement = id.Length == 0 ? string.Empty : "#" + (ids.Count + 1).ToString(CultureInfo.InvariantCulture);
                ids[id] = replacement;
            }

            builder.Append(line, index, start - index).Append(replacement);
            index = end;
        }
    }
}

/// <summary>Decodes payloads into text.</summary>
internal static class Describe
{
    public static string Message(ChaincodeMessage message, Direction direction, MessageType? answers)
    {
        var p = message.Payload;
        try
        {
            var body = message.Type switch
            {
                MessageType.Register => $"id={Quote(ChaincodeID.Parser.ParseFrom(p).Name)}",
                MessageType.Registered => string.Empty,
                MessageType.Ready => ReadyText(p),
                MessageType.Transaction or MessageType.Init => InputText(ChaincodeInput.Parser.ParseFrom(p)),
                MessageType.Completed => CompletedText(message),
                MessageType.Error => $"text={Quote(p.ToStringUtf8())}",
                MessageType.Keepalive => string.Empty,
                MessageType.GetState or MessageType.GetPrivateDataHash => Key(GetState.Parser.ParseFrom(p).Key, GetState.Parser.ParseFrom(p).Collection),
                MessageType.PutState => PutText(PutState.Parser.ParseFrom(p)),
                MessageType.DelState or MessageType.PurgePrivateData => Key(DelState.Parser.ParseFrom(p).Key, DelState.Parser.ParseFrom(p).Collection),
                MessageType.GetStateByRange => RangeText(GetStateByRange.Parser.ParseFrom(p)),
                MessageType.GetQueryResult => QueryText(GetQueryResult.Parser.ParseFrom(p)),
                MessageType.QueryStateNext => $"id={QueryStateNext.Parser.ParseFrom(p).Id}",
                MessageType.QueryStateClose => $"id={QueryStateClose.Parser.ParseFrom(p).Id}",
                MessageType.GetHistoryForKey => $"key={Quote(GetHistoryForKey.Parser.ParseFrom(p).Key)}",
                MessageType.GetStateMetadata => Key(GetStateMetadata.Parser.ParseFrom(p).Key, GetStateMetadata.Parser.ParseFrom(p).Collection),
                MessageType.PutStateMetadata => PutMetadataText(PutStateMetadata.Parser.ParseFrom(p)),
                MessageType.InvokeChaincode => InvokeText(ChaincodeSpec.Parser.ParseFrom(p)),
                MessageType.WriteBatchState => BatchText(WriteBatchState.Parser.ParseFrom(p)),
                MessageType.GetStateMultiple => MultipleText(GetStateMultiple.Parser.ParseFrom(p)),
                MessageType.Response => ResponseText(p, answers),
                _ => $"payload={Bytes(p)}",
            };
            return body;
        }
        catch (InvalidProtocolBufferException ex)
        {
            return $"undecodable({ex.Message}) payload={Bytes(p)}";
        }
    }

    private static string ReadyText(ByteString p)
    {
        var r = ChaincodeAdditionalParams.Parser.ParseFrom(p);
        return $"write_batch={r.UseWriteBatch}/{r.MaxSizeWriteBatch} get_multiple={r.UseGetMultipleKeys}/{r.MaxSizeGetMultipleKeys}";
    }

    private static string InputText(ChaincodeInput input) =>
        $"args=[{string.Join(",", input.Args.Select(Bytes))}] is_init={input.IsInit}";

    private static string CompletedText(ChaincodeMessage message)
    {
        var r = Response.Parser.ParseFrom(message.Payload);
        var text = $"status={r.Status} message={Quote(r.Message)} payload={Bytes(r.Payload)}";
        if (message.ChaincodeEvent is { } e)
        {
            text += $" event={{name={Quote(e.EventName)} payload={Bytes(e.Payload)}}}";
        }

        return text;
    }

    private static string Key(string key, string collection) => $"collection={Quote(collection)} key={Quote(key)}";

    private static string PutText(PutState put) => $"collection={Quote(put.Collection)} key={Quote(put.Key)} value={Bytes(put.Value)}";

    private static string RangeText(GetStateByRange r) =>
        $"collection={Quote(r.Collection)} start={Quote(r.StartKey)} end={Quote(r.EndKey)} metadata={PageText(r.Metadata)}";

    private static string QueryText(GetQueryResult q) => $"collection={Quote(q.Collection)} query={Quote(q.Query)} metadata={PageText(q.Metadata)}";

    private static string PageText(ByteString metadata)
    {
        if (metadata.IsEmpty)
        {
            return "{}";
        }

        var m = QueryMetadata.Parser.ParseFrom(metadata);
        return $"{{page_size={m.PageSize} bookmark={Quote(m.Bookmark)}}}";
    }

    private static string PutMetadataText(PutStateMetadata m) =>
        $"collection={Quote(m.Collection)} key={Quote(m.Key)} metakey={Quote(m.Metadata?.Metakey ?? string.Empty)} value={Bytes(m.Metadata?.Value ?? ByteString.Empty)}";

    private static string InvokeText(ChaincodeSpec spec) =>
        $"chaincode={Quote(spec.ChaincodeId?.Name ?? string.Empty)} args=[{string.Join(",", (spec.Input?.Args ?? new Google.Protobuf.Collections.RepeatedField<ByteString>()).Select(Bytes))}]";

    private static string BatchText(WriteBatchState batch) =>
        "records=[" + string.Join(",", batch.Rec.Select(r => $"{{{Names.Of((MessageType)(int)r.Type)} collection={Quote(r.Collection)} key={Quote(r.Key)} value={Bytes(r.Value)}{(r.Metadata is { } md ? $" metakey={Quote(md.Metakey)} meta={Bytes(md.Value)}" : string.Empty)}}}")) + "]";

    private static string MultipleText(GetStateMultiple m) => $"collection={Quote(m.Collection)} keys=[{string.Join(",", m.Keys.Select(Quote))}]";

    private static string ResponseText(ByteString p, MessageType? answers)
    {
        switch (answers)
        {
            case MessageType.GetStateByRange or MessageType.GetQueryResult or MessageType.QueryStateNext or MessageType.QueryStateClose:
            {
                var r = QueryResponse.Parser.ParseFrom(p);
                var records = r.Results.Select(x => KvText(x.ResultBytes));
                var metadata = r.Metadata.IsEmpty ? string.Empty : MetadataText(r.Metadata);
                return $"results=[{string.Join(",", records)}] has_more={r.HasMore} id={r.Id}{metadata}";
            }

            case MessageType.GetHistoryForKey:
            {
                var r = QueryResponse.Parser.ParseFrom(p);
                var records = r.Results.Select(x =>
                {
                    var m = Protocol.Ledger.QueryResult.KeyModification.Parser.ParseFrom(x.ResultBytes);
                    return $"{{tx={m.TxId} delete={m.IsDelete} value={Bytes(m.Value)} ts={m.Timestamp?.Seconds}}}";
                });
                return $"results=[{string.Join(",", records)}] has_more={r.HasMore} id={r.Id}";
            }

            case MessageType.GetStateMetadata:
                return "entries=[" + string.Join(",", StateMetadataResult.Parser.ParseFrom(p).Entries.Select(e => $"{Quote(e.Metakey)}:{Bytes(e.Value)}")) + "]";
            case MessageType.GetStateMultiple:
                return "values=[" + string.Join(",", GetStateMultipleResult.Parser.ParseFrom(p).Values.Select(Bytes)) + "]";
            case MessageType.InvokeChaincode:
            {
                var inner = ChaincodeMessage.Parser.ParseFrom(p);
                return inner.Type == MessageType.Completed ? $"inner=COMPLETED {CompletedText(inner)}" : $"inner={Names.Of(inner.Type)} text={Quote(inner.Payload.ToStringUtf8())}";
            }

            default:
                return $"payload={Bytes(p)}";
        }
    }

    private static string MetadataText(ByteString bytes)
    {
        var m = QueryResponseMetadata.Parser.ParseFrom(bytes);
        return $" metadata={{fetched={m.FetchedRecordsCount} bookmark={Quote(m.Bookmark)}}}";
    }

    private static string KvText(ByteString bytes)
    {
        var kv = Protocol.Ledger.QueryResult.KV.Parser.ParseFrom(bytes);
        return $"{Quote(kv.Key)}:{Bytes(kv.Value)}";
    }

    /// <summary>UTF-8 text in quotes when printable, hex otherwise.</summary>
    public static string Bytes(ByteString bytes)
    {
        if (bytes.IsEmpty)
        {
            return "''";
        }

        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes.Span);
            if (text.All(c => !char.IsControl(c) || c == '\0'))
            {
                return Quote(text);
            }
        }
        catch (DecoderFallbackException)
        {
        }

        return "0x" + Convert.ToHexString(bytes.Span);
    }

    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            if (c < 0x20 || char.IsSurrogate(c) || c == '"' || c == '\\')
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('"').ToString();
    }
}
