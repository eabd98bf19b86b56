using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Gateway.Internal;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Ledger.Rwset;
using FabricEvidence.Protocol.Ledger.Rwset.KvRwset;
using FabricEvidence.Protocol.Msp;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Gateway;

/// <summary>
/// One transaction (envelope) of a <see cref="LedgerBlock"/>: who created it and when, whether the committing peers
/// found it valid, and, for chaincode transactions, the chaincode, its event, its endorsements and its read/write sets.
/// </summary>
public sealed class LedgerTransaction
{
    private readonly ChaincodeActionPayload? _actionPayload;
    private readonly ChaincodeAction? _chaincodeAction;
    private IReadOnlyList<NamespaceReadWriteSet>? _readWriteSets;

    private LedgerTransaction(ulong blockNumber, int index, Envelope envelope, Payload payload, ChannelHeader channelHeader, SerializedIdentity? creator, int? validationCode, ChaincodeActionPayload? actionPayload, ChaincodeAction? chaincodeAction)
    {
        BlockNumber = blockNumber;
        Index = index;
        Envelope = envelope;
        Payload = payload;
        ChannelHeader = channelHeader;
        CreatorMspId = creator?.Mspid ?? string.Empty;
        CreatorIdBytes = creator?.IdBytes.Memory ?? ReadOnlyMemory<byte>.Empty;
        RawValidationCode = validationCode;
        _actionPayload = actionPayload;
        _chaincodeAction = chaincodeAction;
    }

    /// <summary>The number of the block holding the transaction.</summary>
    public ulong BlockNumber { get; }

    /// <summary>The position of the transaction in its block, from 0.</summary>
    public int Index { get; }

    /// <summary>The transaction ID (empty for configuration transactions).</summary>
    public string TransactionId => ChannelHeader.TxId;

    /// <summary>The kind of transaction, e.g. <see cref="HeaderType.EndorserTransaction"/> or <see cref="HeaderType.Config"/>.</summary>
    public HeaderType Type => (HeaderType)ChannelHeader.Type;

    /// <summary>The channel.</summary>
    public string ChannelId => ChannelHeader.ChannelId;

    /// <summary>The timestamp the client put in the transaction, exact to the nanosecond (seconds and nanos since the Unix epoch, UTC).</summary>
    public Timestamp Timestamp => ChannelHeader.Timestamp ?? new Timestamp();

    /// <summary>The MSP ID of the client that created (and signed) the transaction.</summary>
    public string CreatorMspId { get; }

    /// <summary>The creator's identity bytes: its PEM-encoded X.509 certificate.</summary>
    public ReadOnlyMemory<byte> CreatorIdBytes { get; }

    /// <summary>
    /// The validation code the committing peer recorded in the block's metadata, or <see langword="null"/> when the
    /// block has not been validated (a block straight from the orderer).
    /// </summary>
    public TxValidationCode? ValidationCode => RawValidationCode is { } code ? (TxValidationCode)code : null;

    /// <summary>Whether the committing peer found the transaction valid, so its writes were applied.</summary>
    public bool IsValid => RawValidationCode == (int)TxValidationCode.Valid;

    /// <summary>The chaincode the transaction invoked, or <see langword="null"/> for transactions that invoke none.</summary>
    public string? ChaincodeName => _chaincodeAction?.ChaincodeId?.Name;

    /// <summary>The chaincode's response as endorsed (status, message, payload), or <see langword="null"/>.</summary>
    public Response? ChaincodeResponse => _chaincodeAction?.Response;

    /// <summary>The chaincode event the transaction set, or <see langword="null"/>. Delivered only if <see cref="IsValid"/>.</summary>
    public ContractEvent? ChaincodeEvent
    {
        get
        {
            if (_chaincodeAction is null || _chaincodeAction.Events.IsEmpty)
            {
                return null;
            }

            var chaincodeEvent = Messages.Parse(Protocol.Peer.ChaincodeEvent.Parser, _chaincodeAction.Events, "The chaincode action's events");
            return chaincodeEvent.EventName.Length == 0
                ? null
                : new ContractEvent(BlockNumber, TransactionId, chaincodeEvent.ChaincodeId, chaincodeEvent.EventName, chaincodeEvent.Payload.Memory);
        }
    }

    /// <summary>The endorsements of a chaincode transaction: who endorsed it, with what signature. Empty for other transactions.</summary>
    public IReadOnlyList<TransactionEndorsement> Endorsements =>
        _actionPayload?.Action?.Endorsements.Select(TransactionEndorsement.Read).ToList() ?? (IReadOnlyList<TransactionEndorsement>)Array.Empty<TransactionEndorsement>();

    /// <summary>The bytes each endorsement signs together with the endorser's identity: the proposal response payload.</summary>
    public ReadOnlyMemory<byte> ProposalResponsePayload => _actionPayload?.Action?.ProposalResponsePayload.Memory ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The raw envelope: <see cref="Envelope.Payload"/> is what the creator signed, <see cref="Envelope.Signature"/> the signature.</summary>
    public Envelope Envelope { get; }

    /// <summary>The decoded envelope payload.</summary>
    public Payload Payload { get; }

    /// <summary>The decoded channel header.</summary>
    public ChannelHeader ChannelHeader { get; }

    internal int? RawValidationCode { get; }

    /// <summary>The creator's certificate.</summary>
    /// <returns>A new certificate instance; dispose it.</returns>
    /// <exception cref="FormatException">The creator's identity bytes are not a PEM certificate.</exception>
    public X509Certificate2 GetCreatorCertificate() => TransactionEndorsement.Certificate(CreatorIdBytes.Span, "the creator");

    /// <summary>The read/write sets of a chaincode transaction, per namespace (chaincode), decoded on each call.</summary>
    /// <returns>The sets; empty for transactions without any.</returns>
    /// <exception cref="FormatException">The read/write set is malformed.</exception>
    public IReadOnlyList<NamespaceReadWriteSet> GetReadWriteSets() => _readWriteSets ??= ReadReadWriteSets();

    /// <inheritdoc />
    public override string ToString() => $"Transaction {TransactionId} ({Type}) in block {BlockNumber}: {(ValidationCode is { } code ? ValidationCodes.Name(code) : "not validated")}";

    internal static LedgerTransaction Read(ulong blockNumber, int index, ByteString bytes, int? validationCode)
    {
        var where = $"Transaction {index} of block {blockNumber}";
        var envelope = Messages.Parse(Envelope.Parser, bytes, where);
        var payload = Messages.Parse(Payload.Parser, envelope.Payload, where + " payload");
        if (payload.Header is null)
        {
            throw new FormatException($"{where} has no header.");
        }

        var channelHeader = Messages.Parse(ChannelHeader.Parser, payload.Header.ChannelHeader, where + " channel header");
        var signatureHeader = Messages.Parse(SignatureHeader.Parser, payload.Header.SignatureHeader, where + " signature header");
        var creator = signatureHeader.Creator.IsEmpty ? null : Messages.Parse(SerializedIdentity.Parser, signatureHeader.Creator, where + " creator");
        ChaincodeActionPayload? actionPayload = null;
        ChaincodeAction? chaincodeAction = null;
        if (channelHeader.Type == (int)HeaderType.EndorserTransaction)
        {
            var transaction = Messages.Parse(Transaction.Parser, payload.Data, where + " data");
            if (transaction.Actions.Count > 0)
            {
                actionPayload = Messages.Parse(ChaincodeActionPayload.Parser, transaction.Actions[0].Payload, where + " action payload");
                if (actionPayload.Action is { } endorsed)
                {
                    var responsePayload = Messages.Parse(Protocol.Peer.ProposalResponsePayload.Parser, endorsed.ProposalResponsePayload, where + " proposal response payload");
                    chaincodeAction = Messages.Parse(ChaincodeAction.Parser, responsePayload.Extension, where + " chaincode action");
                }
            }
        }

        return new LedgerTransaction(blockNumber, index, envelope, payload, channelHeader, creator, validationCode, actionPayload, chaincodeAction);
    }

    private List<NamespaceReadWriteSet> ReadReadWriteSets()
    {
        var result = new List<NamespaceReadWriteSet>();
        if (_chaincodeAction is null || _chaincodeAction.Results.IsEmpty)
        {
            return result;
        }

        var where = $"The read/write set of transaction {TransactionId}";
        var txRwSet = Messages.Parse(TxReadWriteSet.Parser, _chaincodeAction.Results, where);
        foreach (var ns in txRwSet.NsRwset)
        {
            var kv = Messages.Parse(KVRWSet.Parser, ns.Rwset, $"{where}, namespace '{ns.Namespace}',");
            var reads = kv.Reads.Select(r => new KeyRead(r.Key, r.Version?.BlockNum, r.Version?.TxNum)).ToList();
            var writes = kv.Writes.Select(w => new KeyWrite(w.Key, w.IsDelete, w.Value.Memory)).ToList();
            var collections = new List<PrivateCollectionHashes>(ns.CollectionHashedRwset.Count);
            foreach (var collection in ns.CollectionHashedRwset)
            {
                var hashed = Messages.Parse(HashedRWSet.Parser, collection.HashedRwset, $"{where}, collection '{collection.CollectionName}',");
                collections.Add(new PrivateCollectionHashes(
                    collection.CollectionName,
                    hashed.HashedReads.Select(r => new HashedKeyRead(r.KeyHash.Memory, r.Version?.BlockNum, r.Version?.TxNum)).ToList(),
                    hashed.HashedWrites.Select(w => new HashedKeyWrite(w.KeyHash.Memory, w.ValueHash.Memory, w.IsDelete, w.IsPurge)).ToList(),
                    collection.PvtRwsetHash.Memory));
            }

            result.Add(new NamespaceReadWriteSet(ns.Namespace, reads, writes, collections));
        }

        return result;
    }
}
