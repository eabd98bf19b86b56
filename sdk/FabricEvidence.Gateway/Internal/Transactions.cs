using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using Google.Protobuf;
using Grpc.Core;
using StatusCode = Grpc.Core.StatusCode;

namespace FabricEvidence.Gateway.Internal;

internal sealed class ProposalImpl : SignedMessage, IProposal
{
    private readonly ProposedTransaction _proposedTransaction;
    private OperationInfo? _info;

    public ProposalImpl(GatewayClient client, SigningIdentity identity, string channelName, ProposedTransaction proposedTransaction, OperationInfo? info)
        : base(client, identity)
    {
        ChannelName = channelName;
        _proposedTransaction = proposedTransaction;
        _info = info;
    }

    public string ChannelName { get; }

    public string TransactionId => _proposedTransaction.TransactionId;

    protected override IMessage Message => _proposedTransaction;

    protected override ByteString SignedPart => _proposedTransaction.Proposal.ProposalBytes;

    protected override ByteString Signature
    {
        get => _proposedTransaction.Proposal.Signature;
        set => _proposedTransaction.Proposal.Signature = value;
    }

    protected override string What => $"proposal {TransactionId}";

    private OperationInfo Info
    {
        get
        {
            if (_info is { } known)
            {
                return known;
            }

            // A proposal rebuilt from bytes learns its chaincode and transaction name from the proposal itself.
            string? chaincode = null;
            string? name = null;
            try
            {
                (_, chaincode, name) = Messages.ReadProposal(_proposedTransaction.Proposal);
            }
            catch (FormatException)
            {
            }

            var info = new OperationInfo(ChannelName, chaincode, name, TransactionId);
            _info = info;
            return info;
        }
    }

    public Task<byte[]> EvaluateAsync(CancellationToken cancellationToken = default) => EvaluateCoreAsync(null, cancellationToken);

    public Task<byte[]> EvaluateAsync(CallOptions callOptions, CancellationToken cancellationToken = default) => EvaluateCoreAsync(callOptions, cancellationToken);

    public Task<ITransaction> EndorseAsync(CancellationToken cancellationToken = default) => EndorseCoreAsync(null, cancellationToken);

    public Task<ITransaction> EndorseAsync(CallOptions callOptions, CancellationToken cancellationToken = default) => EndorseCoreAsync(callOptions, cancellationToken);

    private async Task<byte[]> EvaluateCoreAsync(CallOptions? callOptions, CancellationToken cancellationToken)
    {
        await EnsureSignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new EvaluateRequest
        {
            TransactionId = TransactionId,
            ChannelId = ChannelName,
            ProposedTransaction = _proposedTransaction.Proposal,
        };
        request.TargetOrganizations.Add(_proposedTransaction.EndorsingOrganizations);
        var response = await Client.EvaluateAsync(request, Info, callOptions, cancellationToken).ConfigureAwait(false);
        return response.Result?.Payload.ToByteArray() ?? Array.Empty<byte>();
    }

    private async Task<ITransaction> EndorseCoreAsync(CallOptions? callOptions, CancellationToken cancellationToken)
    {
        await EnsureSignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new EndorseRequest
        {
            TransactionId = TransactionId,
            ChannelId = ChannelName,
            ProposedTransaction = _proposedTransaction.Proposal,
        };
        request.EndorsingOrganizations.Add(_proposedTransaction.EndorsingOrganizations);
        var info = Info;
        var response = await Client.EndorseAsync(request, info, callOptions, cancellationToken).ConfigureAwait(false);
        if (response.PreparedTransaction is null)
        {
            throw new EndorseException(
                $"{Telemetry.Describe(CallKind.Endorse, info)} failed: the Gateway's response holds no prepared transaction.",
                StatusCode.Internal, null, null, TransactionId);
        }

        var prepared = new PreparedTransaction { TransactionId = TransactionId, Envelope = response.PreparedTransaction };
        try
        {
            return new TransactionImpl(Client, Identity, prepared, info);
        }
        catch (FormatException ex)
        {
            throw new EndorseException(
                $"{Telemetry.Describe(CallKind.Endorse, info)} failed: the Gateway returned a malformed transaction. {ex.Message}",
                StatusCode.Internal, null, ex, TransactionId);
        }
    }
}

internal sealed class TransactionImpl : SignedMessage, ITransaction
{
    private readonly PreparedTransaction _preparedTransaction;
    private readonly byte[] _result;
    private readonly OperationInfo _info;

    /// <exception cref="FormatException">The envelope does not hold an endorsed chaincode transaction.</exception>
    public TransactionImpl(GatewayClient client, SigningIdentity identity, PreparedTransaction preparedTransaction, OperationInfo? info)
        : base(client, identity)
    {
        _preparedTransaction = preparedTransaction;
        var envelope = preparedTransaction.Envelope ?? throw new FormatException("The prepared transaction has no envelope.");
        (ChannelName, _result) = Messages.ReadTransaction(envelope);
        _info = info ?? new OperationInfo(ChannelName, null, null, preparedTransaction.TransactionId);
    }

    public string ChannelName { get; }

    public string TransactionId => _preparedTransaction.TransactionId;

    protected override IMessage Message => _preparedTransaction;

    protected override ByteString SignedPart => _preparedTransaction.Envelope.Payload;

    protected override ByteString Signature
    {
        get => _preparedTransaction.Envelope.Signature;
        set => _preparedTransaction.Envelope.Signature = value;
    }

    protected override string What => $"transaction {TransactionId}";

    public byte[] GetResult() => (byte[])_result.Clone();

    public Task<ISubmittedTransaction> SubmitAsync(CancellationToken cancellationToken = default) => SubmitCoreAsync(null, cancellationToken);

    public Task<ISubmittedTransaction> SubmitAsync(CallOptions callOptions, CancellationToken cancellationToken = default) => SubmitCoreAsync(callOptions, cancellationToken);

    private async Task<ISubmittedTransaction> SubmitCoreAsync(CallOptions? callOptions, CancellationToken cancellationToken)
    {
        await EnsureSignedAsync(cancellationToken).ConfigureAwait(false);
        var request = new SubmitRequest { TransactionId = TransactionId, ChannelId = ChannelName, PreparedTransaction = _preparedTransaction.Envelope };
        await Client.SubmitAsync(request, _info, callOptions, cancellationToken).ConfigureAwait(false);

        var statusRequest = new CommitStatusRequest
        {
            ChannelId = ChannelName,
            TransactionId = TransactionId,
            Identity = Identity.Creator,
        };
        var signedRequest = new SignedCommitStatusRequest { Request = statusRequest.ToByteString() };
        return new CommitImpl(Client, Identity, signedRequest, TransactionId, ChannelName, _result, _info);
    }
}

internal sealed class CommitImpl : SignedMessage, ISubmittedTransaction
{
    private readonly SignedCommitStatusRequest _signedRequest;
    private readonly byte[] _result;
    private readonly OperationInfo _info;

    public CommitImpl(GatewayClient client, SigningIdentity identity, SignedCommitStatusRequest signedRequest, string transactionId, string channelName, byte[]? result, OperationInfo? info)
        : base(client, identity)
    {
        _signedRequest = signedRequest;
        TransactionId = transactionId;
        _result = result ?? Array.Empty<byte>();
        _info = info ?? new OperationInfo(channelName, null, null, transactionId);
    }

    public string TransactionId { get; }

    protected override IMessage Message => _signedRequest;

    protected override ByteString SignedPart => _signedRequest.Request;

    protected override ByteString Signature
    {
        get => _signedRequest.Signature;
        set => _signedRequest.Signature = value;
    }

    protected override string What => $"commit status request of transaction {TransactionId}";

    public byte[] GetResult() => (byte[])_result.Clone();

    public Task<CommitStatus> GetStatusAsync(CancellationToken cancellationToken = default) => GetStatusCoreAsync(null, cancellationToken);

    public Task<CommitStatus> GetStatusAsync(CallOptions callOptions, CancellationToken cancellationToken = default) => GetStatusCoreAsync(callOptions, cancellationToken);

    private async Task<CommitStatus> GetStatusCoreAsync(CallOptions? callOptions, CancellationToken cancellationToken)
    {
        await EnsureSignedAsync(cancellationToken).ConfigureAwait(false);
        var response = await Client.CommitStatusAsync(_signedRequest, _info, callOptions, cancellationToken).ConfigureAwait(false);
        return new CommitStatus(TransactionId, response.Result, response.BlockNumber);
    }
}
