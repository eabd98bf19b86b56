using System.Text;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Ledger.Rwset;
using FabricEvidence.Protocol.Ledger.Rwset.KvRwset;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// One envelope of a block, decoded layer by layer as Fabric's validator does (protoutil, core/common/validation):
/// envelope, payload, channel and signature headers, then for an endorser transaction its single action, the
/// chaincode action payload, the proposal response payload, the chaincode action and its read/write sets.
/// Decoding stops at the first layer that fails; <see cref="Error"/> says which.
/// </summary>
internal sealed class ParsedEnvelope
{
    private ParsedEnvelope(ParsedBlock block, int index)
    {
        Block = block;
        Index = index;
    }

    public ParsedBlock Block { get; }

    public int Index { get; }

    public string? Error { get; private set; }

    public Envelope? Envelope { get; private set; }

    public Payload? Payload { get; private set; }

    public ChannelHeader? ChannelHeader { get; private set; }

    public SignatureHeader? SignatureHeader { get; private set; }

    public HeaderType Type => ChannelHeader is null ? HeaderType.Message : (HeaderType)ChannelHeader.Type;

    public string TransactionId => ChannelHeader?.TxId ?? string.Empty;

    public FabricTimestamp Timestamp => ChannelHeader?.Timestamp is { } t ? new FabricTimestamp(t.Seconds, t.Nanos) : default;

    // Endorser transactions only.
    public TransactionAction? Action { get; private set; }

    public SignatureHeader? ActionHeader { get; private set; }

    public ChaincodeActionPayload? ActionPayload { get; private set; }

    public ProposalResponsePayload? ResponsePayload { get; private set; }

    public ChaincodeAction? ChaincodeAction { get; private set; }

    public string ChaincodeName { get; private set; } = string.Empty;

    public string Function { get; private set; } = string.Empty;

    public IReadOnlyList<NamespaceRwSet> Namespaces { get; private set; } = [];

    // Configuration transactions only.
    public ConfigEnvelope? ConfigEnvelope { get; private set; }

    public static ParsedEnvelope Parse(ParsedBlock block, int index)
    {
        var result = new ParsedEnvelope(block, index);
        try
        {
            result.Decode(block.Data[index]);
        }
        catch (InvalidProtocolBufferException e)
        {
            result.Error ??= $"{result._layer} cannot be decoded ({e.Message})";
        }

        return result;
    }

    private string _layer = "the envelope";

    private void Decode(ByteString bytes)
    {
        Envelope = Envelope.Parser.ParseFrom(bytes);
        _layer = "the payload";
        Payload = Payload.Parser.ParseFrom(Envelope.Payload);
        if (Payload.Header is null)
        {
            Error = "the payload has no header";
            return;
        }

        _layer = "the channel header";
        ChannelHeader = ChannelHeader.Parser.ParseFrom(Payload.Header.ChannelHeader);
        _layer = "the signature header";
        SignatureHeader = SignatureHeader.Parser.ParseFrom(Payload.Header.SignatureHeader);
        switch (Type)
        {
            case HeaderType.Config:
                _layer = "the configuration envelope";
                ConfigEnvelope = ConfigEnvelope.Parser.ParseFrom(Payload.Data);
                if (ConfigEnvelope.Config?.ChannelGroup is null)
                {
                    Error = "the configuration envelope holds no channel configuration";
                }

                return;
            case HeaderType.EndorserTransaction:
                DecodeEndorserTransaction();
                return;
            default:
                return;
        }
    }

    private void DecodeEndorserTransaction()
    {
        _layer = "the chaincode header extension";
        ChaincodeName = ChaincodeHeaderExtension.Parser.ParseFrom(ChannelHeader!.Extension).ChaincodeId?.Name ?? string.Empty;
        _layer = "the transaction";
        var transaction = Transaction.Parser.ParseFrom(Payload!.Data);
        if (transaction.Actions.Count != 1)
        {
            Error = $"the transaction has {transaction.Actions.Count} actions; Fabric accepts exactly one";
            return;
        }

        Action = transaction.Actions[0];
        _layer = "the action's signature header";
        ActionHeader = SignatureHeader.Parser.ParseFrom(Action.Header);
        _layer = "the chaincode action payload";
        ActionPayload = ChaincodeActionPayload.Parser.ParseFrom(Action.Payload);
        if (ActionPayload.Action is null)
        {
            Error = "the chaincode action payload has no endorsed action";
            return;
        }

        _layer = "the chaincode proposal payload";
        var proposal = ChaincodeProposalPayload.Parser.ParseFrom(ActionPayload.ChaincodeProposalPayload);
        var invocation = ChaincodeInvocationSpec.Parser.ParseFrom(proposal.Input);
        var args = invocation.ChaincodeSpec?.Input?.Args;
        Function = args is { Count: > 0 } ? DecodeText(args[0]) : string.Empty;
        _layer = "the proposal response payload";
        ResponsePayload = ProposalResponsePayload.Parser.ParseFrom(ActionPayload.Action.ProposalResponsePayload);
        _layer = "the chaincode action";
        ChaincodeAction = ChaincodeAction.Parser.ParseFrom(ResponsePayload.Extension);
        _layer = "the read/write set";
        var rwset = TxReadWriteSet.Parser.ParseFrom(ChaincodeAction.Results);
        var namespaces = new List<NamespaceRwSet>(rwset.NsRwset.Count);
        foreach (var ns in rwset.NsRwset)
        {
            _layer = $"the read/write set of namespace '{ns.Namespace}'";
            var collections = new List<CollectionRwSet>(ns.CollectionHashedRwset.Count);
            foreach (var collection in ns.CollectionHashedRwset)
            {
                collections.Add(new CollectionRwSet(collection.CollectionName, HashedRWSet.Parser.ParseFrom(collection.HashedRwset)));
            }

            namespaces.Add(new NamespaceRwSet(ns.Namespace, KVRWSet.Parser.ParseFrom(ns.Rwset), collections));
        }

        Namespaces = namespaces;
    }

    public NamespaceRwSet? Namespace(string name)
    {
        foreach (var ns in Namespaces)
        {
            if (ns.Name == name)
            {
                return ns;
            }
        }

        return null;
    }

    public string EventName => ChaincodeAction?.Events is { IsEmpty: false } events
        ? TryDecodeEvent(events)
        : string.Empty;

    private static string TryDecodeEvent(ByteString events)
    {
        try
        {
            return ChaincodeEvent.Parser.ParseFrom(events).EventName;
        }
        catch (InvalidProtocolBufferException)
        {
            return string.Empty;
        }
    }

    private static string DecodeText(ByteString bytes)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes.Span);
        }
        catch (DecoderFallbackException)
        {
            return Convert.ToHexStringLower(bytes.Span);
        }
    }
}

/// <summary>The public read/write set of one namespace, with its collections' hashed read/write sets.</summary>
internal sealed record NamespaceRwSet(string Name, KVRWSet Public, IReadOnlyList<CollectionRwSet> Collections)
{
    public KVRead? ReadOf(string key)
    {
        foreach (var read in Public.Reads)
        {
            if (read.Key == key)
            {
                return read;
            }
        }

        return null;
    }

    public KVWrite? WriteOf(string key)
    {
        foreach (var write in Public.Writes)
        {
            if (write.Key == key)
            {
                return write;
            }
        }

        return null;
    }
}

/// <summary>The hashed read/write set of one private data collection.</summary>
internal sealed record CollectionRwSet(string Name, HashedRWSet Hashed);
