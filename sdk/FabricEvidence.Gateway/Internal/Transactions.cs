using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using Google.Protobuf;

namespace FabricEvidence.Gateway.Internal;

internal sealed class ProposalImpl : IProposal
{
    private readonly GatewayClient _client;
    private readonly SigningIdentity _identity;
    private readonly ProposedTransaction _proposedTransaction;
    private readonly object _signLock = new();
    private OperationInfo? _info;

    public ProposalImpl(GatewayClient client, SigningIdentity identity, string channelName, ProposedTransaction proposedTransaction, OperationInfo? info)
    {
        _client = client;
        _identity = identity;
        ChannelName = channelName;
        _proposedTransaction = proposedTransaction;
        _info = info;
    }

    public string ChannelName { get; }

    public string TransactionId => _proposedTransaction.TransactionId;

    public byte[] GetBytes()
    {
        lock (_signLock)
        {
            return _proposedTransaction.ToByteArray();
        }
    }

    public byte[] GetDigest() => _identity.Digest(_proposedTransaction.Proposal.ProposalBytes.Span);

    public void SetSignature(ByteString signature)
    {
        lock (_signLock)
        {
            _proposedTransaction.Proposal.Signature = signature;
        }
    }

    public async Task<byte[]> EvaluateAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        var signedProposal = await SignedProposalAsync(cancellationToken).ConfigureAwait(false);
        var request = new EvaluateRequest
        {
            TransactionId = TransactionId,
            ChannelId = ChannelName,
            ProposedTransaction = signedProposal,
        };
        request.TargetOrganizations.Add(_proposedTransaction.EndorsingOrganizations);
        var response = await _client.EvaluateAsync(request, Info, callOptions, cancellationToken).ConfigureAwait(false);
        return response.Result?.Payload.ToByteArray() ?? Array.Empty<byte>();
    }

    public async Task<ITransaction> EndorseAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        var signedProposal = await SignedProposalAsync(cancellationToken).ConfigureAwait(false);
        var request = new EndorseRequest
        {
            TransactionId = TransactionId,
            ChannelId = ChannelName,
            ProposedTransaction = signedProposal,
        };
        request.EndorsingOrganizations.Add(_proposedTransaction.EndorsingOrganizations);
        var info = Info;
        var response = await _client.EndorseAsync(request, info, callOptions, cancellationToken).ConfigureAwait(false);
        if (response.PreparedTransaction is null)
        {
            throw new EndorseException(
                $"{Telemetry.Describe(CallKind.Endorse, info)} failed: the Gateway's response holds no prepared transaction.",
                GrpcStatusCode.Internal, null, null, TransactionId);
        }

        var prepared = new PreparedTransaction { TransactionId = TransactionId, Envelope = response.PreparedTransaction };
        try
        {
            return new TransactionImpl(_client, _identity, prepared, info);
        }
        catch (FormatException ex)
        {
            throw new EndorseException(
                $"{Telemetry.Describe(CallKind.Endorse, info)} failed: the Gateway returned a malformed transaction. {ex.Message}",
                GrpcStatusCode.Internal, null, ex, TransactionId);
        }
    }

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
                (_, chaincode, name) = MessageParser.ReadProposal(_proposedTransaction.Proposal);
            }
            catch (FormatException)
            {
            }

            var info = new OperationInfo(ChannelName, chaincode, name, TransactionId);
            _info = info;
            return info;
        }
    }

    private async ValueTask<Protocol.Peer.SignedProposal> SignedProposalAsync(CancellationToken cancellationToken)
    {
        _client.ThrowIfDisposed();
        if (_proposedTransaction.Proposal.Signature.IsEmpty)
        {
            var signature = await _identity.SignAsync(GetDigest(), $"proposal {TransactionId}", cancellationToken).ConfigureAwait(false);
            lock (_signLock)
            {
                if (_proposedTransaction.Proposal.Signature.IsEmpty)
                {
                    _proposedTransaction.Proposal.Signature = signature;
                }
            }
        }

        return _proposedTransaction.Proposal;
    }
}

internal sealed class TransactionImpl : ITransaction
{
    private readonly GatewayClient _client;
    private readonly SigningIdentity _identity;
    private readonly PreparedTransaction _preparedTransaction;
    private readonly byte[] _result;
    private readonly OperationInfo _info;
    private readonly object _signLock = new();

    /// <exception cref="FormatException">The envelope does not hold an endorsed chaincode transaction.</exception>
    public TransactionImpl(GatewayClient client, SigningIdentity identity, PreparedTransaction preparedTransaction, OperationInfo? info)
    {
        _client = client;
        _identity = identity;
        _preparedTransaction = preparedTransaction;
        var envelope = preparedTransaction.Envelope ?? throw new FormatException("The prepared transaction has no envelope.");
        (ChannelName, _result) = MessageParser.ReadTransaction(envelope);
        _info = info ?? new OperationInfo(ChannelName, null, null, preparedTransaction.TransactionId);
    }

    public string ChannelName { get; }

    public string TransactionId => _preparedTransaction.TransactionId;

    public byte[] GetResult() => (byte[])_result.Clone();

    public byte[] GetBytes()
    {
        lock (_signLock)
        {
            return _preparedTransaction.ToByteArray();
        }
    }

    public byte[] GetDigest() => _identity.Digest(_preparedTransaction.Envelope.Payload.Span);

    public void SetSignature(ByteString signature)
    {
        lock (_signLock)
        {
            _preparedTransaction.Envelope.Signature = signature;
        }
    }

    public async Task<ISubmittedTransaction> SubmitAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        _client.ThrowIfDisposed();
        var envelope = _preparedTransaction.Envelope;
        if (envelope.Signature.IsEmpty)
        {
            var signature = await _identity.SignAsync(GetDigest(), $"transaction {TransactionId}", cancellationToken).ConfigureAwait(false);
            lock (_signLock)
            {
                if (envelope.Signature.IsEmpty)
                {
                    envelope.Signature = signature;
                }
            }
        }

        var request = new SubmitRequest { TransactionId = TransactionId, ChannelId = ChannelName, PreparedTransaction = envelope };
        await _client.SubmitAsync(request, _info, callOptions, cancellationToken).ConfigureAwait(false);

        var statusRequest = new CommitStatusRequest
        {
            ChannelId = ChannelName,
            TransactionId = TransactionId,
            Identity = _identity.Creator,
        };
        var signedRequest = new SignedCommitStatusRequest { Request = statusRequest.ToByteString() };
        return new CommitImpl(_client, _identity, signedRequest, TransactionId, ChannelName, _result, _info);
    }
}

internal sealed class CommitImpl : ISubmittedTransaction
{
    private readonly GatewayClient _client;
    private readonly SigningIdentity _identity;
    private readonly SignedCommitStatusRequest _signedRequest;
    private readonly byte[] _result;
    private readonly OperationInfo _info;
    private readonly object _signLock = new();

    public CommitImpl(GatewayClient client, SigningIdentity identity, SignedCommitStatusRequest signedRequest, string transactionId, string channelName, byte[]? result, OperationInfo? info)
    {
        _client = client;
        _identity = identity;
        _signedRequest = signedRequest;
        TransactionId = transactionId;
        _result = result ?? Array.Empty<byte>();
        _info = info ?? new OperationInfo(channelName, null, null, transactionId);
    }

    public string TransactionId { get; }

    public byte[] GetResult() => (byte[])_result.Clone();

    public byte[] GetBytes()
    {
        lock (_signLock)
        {
            return _signedRequest.ToByteArray();
        }
    }

    public byte[] GetDigest() => _identity.Digest(_signedRequest.Request.Span);

    public void SetSignature(ByteString signature)
    {
        lock (_signLock)
        {
            _signedRequest.Signature = signature;
        }
    }

    public async Task<Status> GetStatusAsync(GrpcCallOptions? callOptions = null, CancellationToken cancellationToken = default)
    {
        _client.ThrowIfDisposed();
        if (_signedRequest.Signature.IsEmpty)
        {
            var signature = await _identity.SignAsync(GetDigest(), $"commit status request of transaction {TransactionId}", cancellationToken).ConfigureAwait(false);
            lock (_signLock)
            {
                if (_signedRequest.Signature.IsEmpty)
                {
                    _signedRequest.Signature = signature;
                }
            }
        }

        var response = await _client.CommitStatusAsync(_signedRequest, _info, callOptions, cancellationToken).ConfigureAwait(false);
        return new Status(TransactionId, response.Result, response.BlockNumber);
    }
}
