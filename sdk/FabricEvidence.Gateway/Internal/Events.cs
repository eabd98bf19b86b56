using System.Globalization;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SeekInfo = FabricEvidence.Protocol.Orderer.SeekInfo;
using SeekNextCommit = FabricEvidence.Protocol.Orderer.SeekNextCommit;
using SeekPosition = FabricEvidence.Protocol.Orderer.SeekPosition;
using SeekSpecified = FabricEvidence.Protocol.Orderer.SeekSpecified;
using StatusCode = Grpc.Core.StatusCode;

namespace FabricEvidence.Gateway.Internal;

internal static class EventRequests
{
    public static SeekPosition StartPosition(EventsOptions? options)
    {
        var block = options?.Checkpoint?.BlockNumber ?? options?.StartBlock;
        return block is { } number ? Specified(number) : new SeekPosition { NextCommit = new SeekNextCommit() };
    }

    public static SeekPosition Specified(ulong block) => new() { Specified = new SeekSpecified { Number = block } };

    public static SignedChaincodeEventsRequest NewChaincodeEventsRequest(SigningIdentity identity, string channel, string chaincode, SeekPosition start, string? afterTransactionId)
    {
        var request = new ChaincodeEventsRequest
        {
            ChannelId = channel,
            ChaincodeId = chaincode,
            Identity = identity.Creator,
            StartPosition = start,
        };
        if (!string.IsNullOrEmpty(afterTransactionId))
        {
            request.AfterTransactionId = afterTransactionId;
        }

        return new SignedChaincodeEventsRequest { Request = request.ToByteString() };
    }

    /// <summary>
    /// A Deliver seek envelope: DELIVER_SEEK_INFO at epoch 0, the creator without a nonce, and a stop position of the
    /// largest block number so the stream never ends on its own (Go and Java use 2^64-1; Node uses 2^53-1).
    /// </summary>
    public static Envelope NewDeliverEnvelope(SigningIdentity identity, string channel, ReadOnlyMemory<byte> tlsCertificateHash, SeekPosition start)
    {
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.DeliverSeekInfo,
            ChannelId = channel,
            Epoch = 0,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
        };
        if (!tlsCertificateHash.IsEmpty)
        {
            channelHeader.TlsCertHash = ByteString.CopyFrom(tlsCertificateHash.Span);
        }

        var payload = new Payload
        {
            Header = new Header
            {
                ChannelHeader = channelHeader.ToByteString(),
                SignatureHeader = new SignatureHeader { Creator = identity.Creator }.ToByteString(),
            },
            Data = new SeekInfo
            {
                Start = start,
                Stop = Specified(ulong.MaxValue),
                Behavior = SeekInfo.Types.SeekBehavior.BlockUntilReady,
            }.ToByteString(),
        };
        return new Envelope { Payload = payload.ToByteString() };
    }
}

internal sealed class ChaincodeEventsRequestImpl : SignedMessage, IChaincodeEventsRequest
{
    private readonly SignedChaincodeEventsRequest _signed;
    private readonly ChaincodeEventsRequest _request;

    /// <exception cref="FormatException">The signed request's inner request is malformed.</exception>
    public ChaincodeEventsRequestImpl(GatewayClient client, SigningIdentity identity, SignedChaincodeEventsRequest signed)
        : base(client, identity)
    {
        _signed = signed;
        _request = Messages.ReadChaincodeEventsRequest(signed);
    }

    protected override IMessage Message => _signed;

    protected override ByteString SignedPart => _signed.Request;

    protected override ByteString Signature
    {
        get => _signed.Signature;
        set => _signed.Signature = value;
    }

    protected override string What => $"chaincode events request for '{_request.ChaincodeId}' on channel '{_request.ChannelId}'";

    public IAsyncEnumerable<ContractEvent> GetEventsAsync(CancellationToken cancellationToken = default) =>
        Client.ReadEventsAsync(new Source(this), null, cancellationToken);

    public IAsyncEnumerable<ContractEvent> GetEventsAsync(CallOptions callOptions, CancellationToken cancellationToken = default) =>
        Client.ReadEventsAsync(new Source(this), callOptions, cancellationToken);

    private sealed class Source : EventSource<SignedChaincodeEventsRequest, ChaincodeEventsResponse, ContractEvent>
    {
        private readonly ChaincodeEventsRequestImpl _owner;

        public Source(ChaincodeEventsRequestImpl owner)
        {
            _owner = owner;
            Info = new OperationInfo(owner._request.ChannelId, owner._request.ChaincodeId, null, null);
        }

        public override CallKind Kind => CallKind.ChaincodeEvents;

        public override OperationInfo Info { get; }

        // A resumed request is signed anew, so it must be ours to sign: a signer, and the request made as our identity.
        public override bool CanResume => _owner.Identity.CanSign && _owner._request.Identity == _owner.Identity.Creator;

        public override async ValueTask<SignedChaincodeEventsRequest> GetFirstRequestAsync(CancellationToken cancellationToken)
        {
            await _owner.EnsureSignedAsync(cancellationToken).ConfigureAwait(false);
            return _owner._signed;
        }

        public override async ValueTask<SignedChaincodeEventsRequest> CreateResumeRequestAsync(bool hasLast, ContractEvent? last, CancellationToken cancellationToken)
        {
            var request = _owner._request;
            var signed = hasLast
                ? EventRequests.NewChaincodeEventsRequest(_owner.Identity, request.ChannelId, request.ChaincodeId, EventRequests.Specified(last!.BlockNumber), last.TransactionId)
                : EventRequests.NewChaincodeEventsRequest(_owner.Identity, request.ChannelId, request.ChaincodeId, request.StartPosition, request.AfterTransactionId);
            var resumed = new ChaincodeEventsRequestImpl(_owner.Client, _owner.Identity, signed);
            await resumed.EnsureSignedAsync(cancellationToken).ConfigureAwait(false);
            return resumed._signed;
        }

        public override ValueTask<(IDisposable Call, IAsyncStreamReader<ChaincodeEventsResponse> Responses)> OpenAsync(GatewayClient client, SignedChaincodeEventsRequest request, CallOptions options, CancellationToken cancellationToken)
        {
            var call = client.Gateway.ChaincodeEvents(request, options);
            return ValueTask.FromResult<(IDisposable, IAsyncStreamReader<ChaincodeEventsResponse>)>((call, call.ResponseStream));
        }

        public override IEnumerable<ContractEvent> Unpack(ChaincodeEventsResponse response)
        {
            foreach (var e in response.Events)
            {
                yield return new ContractEvent(response.BlockNumber, e.TxId, e.ChaincodeId, e.EventName, e.Payload.Memory);
            }
        }
    }
}

/// <summary>The three Deliver requests differ only in method, response type and how to find the block number.</summary>
internal abstract class DeliverRequestBase<T> : SignedMessage
{
    private readonly Envelope _envelope;
    private readonly ChannelHeader _channelHeader;
    private readonly SignatureHeader _signatureHeader;
    private readonly SeekInfo _seekInfo;
    private readonly ReadOnlyMemory<byte> _tlsCertificateHash;

    /// <exception cref="FormatException">The envelope is not a Deliver seek request.</exception>
    protected DeliverRequestBase(GatewayClient client, SigningIdentity identity, Envelope envelope)
        : base(client, identity)
    {
        _envelope = envelope;
        (_channelHeader, _signatureHeader, _seekInfo) = Messages.ReadDeliverEnvelope(envelope);
        _tlsCertificateHash = _channelHeader.TlsCertHash.Memory;
    }

    public string ChannelName => _channelHeader.ChannelId;

    protected abstract CallKind Kind { get; }

    /// <summary>Opens the Deliver call of this kind (Deliver, DeliverFiltered or DeliverWithPrivateData).</summary>
    protected abstract AsyncDuplexStreamingCall<Envelope, DeliverResponse> Open(GatewayClient client, CallOptions options);

    protected override IMessage Message => _envelope;

    protected override ByteString SignedPart => _envelope.Payload;

    protected override ByteString Signature
    {
        get => _envelope.Signature;
        set => _envelope.Signature = value;
    }

    protected override string What => $"block events request on channel '{ChannelName}'";

    protected abstract T? Extract(DeliverResponse response);

    protected abstract ulong BlockNumberOf(T item);

    protected IAsyncEnumerable<T> Read(CallOptions? callOptions, CancellationToken cancellationToken) =>
        Client.ReadEventsAsync(new Source(this), callOptions, cancellationToken);

    private sealed class Source : EventSource<Envelope, DeliverResponse, T>
    {
        private readonly DeliverRequestBase<T> _owner;

        public Source(DeliverRequestBase<T> owner)
        {
            _owner = owner;
            Info = new OperationInfo(owner.ChannelName, null, null, null);
        }

        public override CallKind Kind => _owner.Kind;

        public override OperationInfo Info { get; }

        public override bool CanResume => _owner.Identity.CanSign && _owner._signatureHeader.Creator == _owner.Identity.Creator;

        public override async ValueTask<Envelope> GetFirstRequestAsync(CancellationToken cancellationToken)
        {
            await _owner.EnsureSignedAsync(cancellationToken).ConfigureAwait(false);
            return _owner._envelope;
        }

        public override async ValueTask<Envelope> CreateResumeRequestAsync(bool hasLast, T? last, CancellationToken cancellationToken)
        {
            var start = hasLast ? EventRequests.Specified(_owner.BlockNumberOf(last!) + 1) : _owner._seekInfo.Start;
            var envelope = EventRequests.NewDeliverEnvelope(_owner.Identity, _owner.ChannelName, _owner._tlsCertificateHash, start);
            var digest = _owner.Identity.Digest(envelope.Payload.Span);
            envelope.Signature = await _owner.Identity.SignAsync(digest, _owner.What, cancellationToken).ConfigureAwait(false);
            return envelope;
        }

        public override async ValueTask<(IDisposable Call, IAsyncStreamReader<DeliverResponse> Responses)> OpenAsync(GatewayClient client, Envelope request, CallOptions options, CancellationToken cancellationToken)
        {
            var call = _owner.Open(client, options);
            try
            {
                // Like Hyperledger's clients, send the one request and leave the request stream open: the peer reads
                // no further requests until it has delivered up to the stop block.
                await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                call.Dispose();
                throw;
            }

            return (call, call.ResponseStream);
        }

        public override void Validate(DeliverResponse response)
        {
            if (response.TypeCase == DeliverResponse.TypeOneofCase.Status)
            {
                var status = response.Status;
                throw new RpcException(new Grpc.Core.Status(
                    ToGrpc(status),
                    string.Create(CultureInfo.InvariantCulture, $"the Deliver service ended the stream with status {(int)status} ({StatusName(status)})")));
            }

            if (_owner.Extract(response) is null)
            {
                throw new RpcException(new Grpc.Core.Status(StatusCode.Internal, $"the Deliver service sent an unexpected {response.TypeCase} response"));
            }
        }

        public override IEnumerable<T> Unpack(DeliverResponse response)
        {
            yield return _owner.Extract(response)!;
        }

        private static string StatusName(Protocol.Common.Status status) =>
            CommonReflection.Descriptor.EnumTypes.Single(e => e.Name == "Status").FindValueByNumber((int)status)?.Name ?? "UNKNOWN";

        // Deliver reports HTTP-like codes; map them so retry and catch logic can treat every failure alike.
        private static StatusCode ToGrpc(Protocol.Common.Status status) => (int)status switch
        {
            400 => StatusCode.InvalidArgument,
            403 => StatusCode.PermissionDenied,
            404 => StatusCode.NotFound,
            412 => StatusCode.FailedPrecondition,
            413 => StatusCode.ResourceExhausted,
            500 => StatusCode.Internal,
            501 => StatusCode.Unimplemented,
            503 => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
    }
}

internal sealed class BlockEventsRequestImpl : DeliverRequestBase<Block>, IBlockEventsRequest
{
    public BlockEventsRequestImpl(GatewayClient client, SigningIdentity identity, Envelope envelope)
        : base(client, identity, envelope)
    {
    }

    protected override CallKind Kind => CallKind.BlockEvents;

    protected override AsyncDuplexStreamingCall<Envelope, DeliverResponse> Open(GatewayClient client, CallOptions options) => client.Deliver.Deliver(options);

    public IAsyncEnumerable<Block> GetEventsAsync(CancellationToken cancellationToken = default) => Read(null, cancellationToken);

    public IAsyncEnumerable<Block> GetEventsAsync(CallOptions callOptions, CancellationToken cancellationToken = default) => Read(callOptions, cancellationToken);

    protected override Block? Extract(DeliverResponse response) => response.Block;

    protected override ulong BlockNumberOf(Block item) => item.Header?.Number ?? 0;
}

internal sealed class FilteredBlockEventsRequestImpl : DeliverRequestBase<FilteredBlock>, IFilteredBlockEventsRequest
{
    public FilteredBlockEventsRequestImpl(GatewayClient client, SigningIdentity identity, Envelope envelope)
        : base(client, identity, envelope)
    {
    }

    protected override CallKind Kind => CallKind.FilteredBlockEvents;

    protected override AsyncDuplexStreamingCall<Envelope, DeliverResponse> Open(GatewayClient client, CallOptions options) => client.Deliver.DeliverFiltered(options);

    public IAsyncEnumerable<FilteredBlock> GetEventsAsync(CancellationToken cancellationToken = default) => Read(null, cancellationToken);

    public IAsyncEnumerable<FilteredBlock> GetEventsAsync(CallOptions callOptions, CancellationToken cancellationToken = default) => Read(callOptions, cancellationToken);

    protected override FilteredBlock? Extract(DeliverResponse response) => response.FilteredBlock;

    protected override ulong BlockNumberOf(FilteredBlock item) => item.Number;
}

internal sealed class BlockAndPrivateDataEventsRequestImpl : DeliverRequestBase<BlockAndPrivateData>, IBlockAndPrivateDataEventsRequest
{
    public BlockAndPrivateDataEventsRequestImpl(GatewayClient client, SigningIdentity identity, Envelope envelope)
        : base(client, identity, envelope)
    {
    }

    protected override CallKind Kind => CallKind.BlockAndPrivateDataEvents;

    protected override AsyncDuplexStreamingCall<Envelope, DeliverResponse> Open(GatewayClient client, CallOptions options) => client.Deliver.DeliverWithPrivateData(options);

    public IAsyncEnumerable<BlockAndPrivateData> GetEventsAsync(CancellationToken cancellationToken = default) => Read(null, cancellationToken);

    public IAsyncEnumerable<BlockAndPrivateData> GetEventsAsync(CallOptions callOptions, CancellationToken cancellationToken = default) => Read(callOptions, cancellationToken);

    protected override BlockAndPrivateData? Extract(DeliverResponse response) => response.BlockAndPrivateData;

    protected override ulong BlockNumberOf(BlockAndPrivateData item) => item.Block?.Header?.Number ?? 0;
}
