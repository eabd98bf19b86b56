using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Gateway.Internal;

internal sealed class GatewayImpl : IGateway
{
    private readonly GatewayClient _client;
    private readonly SigningIdentity _identity;
    private readonly ReadOnlyMemory<byte> _tlsCertificateHash;

    public GatewayImpl(GatewayOptions options, Hash hash)
    {
        var invoker = options.CallInvoker ?? options.Channel!.CreateCallInvoker();
        var target = options.Channel?.Target ?? invoker.GetType().Name;
        _client = new GatewayClient(options, invoker, target);
        _identity = new SigningIdentity(options.Identity!, hash, options.Signer);
        _tlsCertificateHash = options.TlsClientCertificateHash.ToArray();
        if (_client.Logger.IsEnabled(LogLevel.Debug))
        {
            var subject = options.Identity is X509Identity x509 ? x509.Certificate.Subject : options.Identity!.GetType().Name;
            Log.Connected(_client.Logger, options.Identity!.MspId, subject, target, hash.Name,
                options.Signer is null ? "none (offline signing)" : options.Signer.GetType().Name);
        }
    }

    public IIdentity Identity => _identity.Identity;

    public INetwork GetNetwork(string channelName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelName);
        _client.ThrowIfDisposed();
        return new NetworkImpl(_client, _identity, channelName, _tlsCertificateHash);
    }

    public IProposal NewProposal(byte[] bytes) => NewProposalImpl(bytes);

    public IProposal NewSignedProposal(byte[] bytes, byte[] signature)
    {
        var proposal = NewProposalImpl(bytes);
        proposal.SetSignature(CheckSignature(signature));
        return proposal;
    }

    public ITransaction NewTransaction(byte[] bytes) => NewTransactionImpl(bytes);

    public ITransaction NewSignedTransaction(byte[] bytes, byte[] signature)
    {
        var transaction = NewTransactionImpl(bytes);
        transaction.SetSignature(CheckSignature(signature));
        return transaction;
    }

    public ICommit NewCommit(byte[] bytes) => NewCommitImpl(bytes);

    public ICommit NewSignedCommit(byte[] bytes, byte[] signature)
    {
        var commit = NewCommitImpl(bytes);
        commit.SetSignature(CheckSignature(signature));
        return commit;
    }

    public IChaincodeEventsRequest NewChaincodeEventsRequest(byte[] bytes) => NewChaincodeEventsRequestImpl(bytes);

    public IChaincodeEventsRequest NewSignedChaincodeEventsRequest(byte[] bytes, byte[] signature)
    {
        var request = NewChaincodeEventsRequestImpl(bytes);
        request.SetSignature(CheckSignature(signature));
        return request;
    }

    public IBlockEventsRequest NewBlockEventsRequest(byte[] bytes) =>
        Deliver(bytes, envelope => new BlockEventsRequestImpl(_client, _identity, envelope));

    public IBlockEventsRequest NewSignedBlockEventsRequest(byte[] bytes, byte[] signature)
    {
        var request = Deliver(bytes, envelope => new BlockEventsRequestImpl(_client, _identity, envelope));
        request.SetSignature(CheckSignature(signature));
        return request;
    }

    public IFilteredBlockEventsRequest NewFilteredBlockEventsRequest(byte[] bytes) =>
        Deliver(bytes, envelope => new FilteredBlockEventsRequestImpl(_client, _identity, envelope));

    public IFilteredBlockEventsRequest NewSignedFilteredBlockEventsRequest(byte[] bytes, byte[] signature)
    {
        var request = Deliver(bytes, envelope => new FilteredBlockEventsRequestImpl(_client, _identity, envelope));
        request.SetSignature(CheckSignature(signature));
        return request;
    }

    public IBlockAndPrivateDataEventsRequest NewBlockAndPrivateDataEventsRequest(byte[] bytes) =>
        Deliver(bytes, envelope => new BlockAndPrivateDataEventsRequestImpl(_client, _identity, envelope));

    public IBlockAndPrivateDataEventsRequest NewSignedBlockAndPrivateDataEventsRequest(byte[] bytes, byte[] signature)
    {
        var request = Deliver(bytes, envelope => new BlockAndPrivateDataEventsRequestImpl(_client, _identity, envelope));
        request.SetSignature(CheckSignature(signature));
        return request;
    }

    public void Dispose() => _client.Dispose();

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private static ByteString CheckSignature(byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Length == 0)
        {
            throw new ArgumentException("The signature is empty; supply the signature of the step's GetDigest().", nameof(signature));
        }

        return ByteString.CopyFrom(signature);
    }

    private static T ParseOffline<T>(MessageParser<T> parser, byte[] bytes, string expected)
        where T : IMessage<T>
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new ArgumentException($"The bytes are empty; expected a serialized {expected}.", nameof(bytes));
        }

        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new ArgumentException($"The bytes are not a serialized {expected}: {ex.Message}", nameof(bytes), ex);
        }
    }

    private ProposalImpl NewProposalImpl(byte[] bytes)
    {
        _client.ThrowIfDisposed();
        var proposed = ParseOffline(ProposedTransaction.Parser, bytes, "gateway.ProposedTransaction");
        if (proposed.Proposal is null || proposed.Proposal.ProposalBytes.IsEmpty)
        {
            throw new ArgumentException("The gateway.ProposedTransaction holds no signed proposal.", nameof(bytes));
        }

        try
        {
            var (channel, chaincode, name) = Messages.ReadProposal(proposed.Proposal);
            if (string.IsNullOrEmpty(proposed.TransactionId))
            {
                throw new FormatException("it has no transaction ID");
            }

            return new ProposalImpl(_client, _identity, channel, proposed, new OperationInfo(channel, chaincode, name, proposed.TransactionId));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The gateway.ProposedTransaction is malformed: {ex.Message}", nameof(bytes), ex);
        }
    }

    private TransactionImpl NewTransactionImpl(byte[] bytes)
    {
        _client.ThrowIfDisposed();
        var prepared = ParseOffline(PreparedTransaction.Parser, bytes, "gateway.PreparedTransaction");
        try
        {
            return new TransactionImpl(_client, _identity, prepared, null);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The gateway.PreparedTransaction is malformed: {ex.Message}", nameof(bytes), ex);
        }
    }

    private CommitImpl NewCommitImpl(byte[] bytes)
    {
        _client.ThrowIfDisposed();
        var signed = ParseOffline(SignedCommitStatusRequest.Parser, bytes, "gateway.SignedCommitStatusRequest");
        try
        {
            var request = Messages.ReadCommitStatusRequest(signed);
            return new CommitImpl(_client, _identity, signed, request.TransactionId, request.ChannelId, null, null);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The gateway.SignedCommitStatusRequest is malformed: {ex.Message}", nameof(bytes), ex);
        }
    }

    private ChaincodeEventsRequestImpl NewChaincodeEventsRequestImpl(byte[] bytes)
    {
        _client.ThrowIfDisposed();
        var signed = ParseOffline(SignedChaincodeEventsRequest.Parser, bytes, "gateway.SignedChaincodeEventsRequest");
        try
        {
            return new ChaincodeEventsRequestImpl(_client, _identity, signed);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The gateway.SignedChaincodeEventsRequest is malformed: {ex.Message}", nameof(bytes), ex);
        }
    }

    private T Deliver<T>(byte[] bytes, Func<Envelope, T> create)
    {
        _client.ThrowIfDisposed();
        var envelope = ParseOffline(Envelope.Parser, bytes, "common.Envelope");
        try
        {
            return create(envelope);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"The common.Envelope is not a block events request: {ex.Message}", nameof(bytes), ex);
        }
    }
}

internal sealed class NetworkImpl : INetwork
{
    private readonly GatewayClient _client;
    private readonly SigningIdentity _identity;
    private readonly ReadOnlyMemory<byte> _tlsCertificateHash;

    public NetworkImpl(GatewayClient client, SigningIdentity identity, string name, ReadOnlyMemory<byte> tlsCertificateHash)
    {
        _client = client;
        _identity = identity;
        Name = name;
        _tlsCertificateHash = tlsCertificateHash;
    }

    public string Name { get; }

    public IContract GetContract(string chaincodeName, string? contractName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chaincodeName);
        if (contractName is not null && string.IsNullOrWhiteSpace(contractName))
        {
            throw new ArgumentException("The contract name is empty; pass null for the chaincode's default contract.", nameof(contractName));
        }

        return new ContractImpl(_client, _identity, Name, chaincodeName, contractName);
    }

    public IAsyncEnumerable<ContractEvent> GetChaincodeEventsAsync(string chaincodeName, EventsOptions? options = null, CancellationToken cancellationToken = default) =>
        NewChaincodeEventsRequest(chaincodeName, options).GetEventsAsync(cancellationToken);

    public IChaincodeEventsRequest NewChaincodeEventsRequest(string chaincodeName, EventsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chaincodeName);
        _client.ThrowIfDisposed();
        var signed = EventRequests.NewChaincodeEventsRequest(_identity, Name, chaincodeName, EventRequests.StartPosition(options), options?.Checkpoint?.TransactionId);
        return new ChaincodeEventsRequestImpl(_client, _identity, signed);
    }

    public IAsyncEnumerable<Block> GetBlockEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default) =>
        NewBlockEventsRequest(options).GetEventsAsync(cancellationToken);

    public IBlockEventsRequest NewBlockEventsRequest(EventsOptions? options = null) =>
        new BlockEventsRequestImpl(_client, _identity, NewEnvelope(options));

    public IAsyncEnumerable<FilteredBlock> GetFilteredBlockEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default) =>
        NewFilteredBlockEventsRequest(options).GetEventsAsync(cancellationToken);

    public IFilteredBlockEventsRequest NewFilteredBlockEventsRequest(EventsOptions? options = null) =>
        new FilteredBlockEventsRequestImpl(_client, _identity, NewEnvelope(options));

    public IAsyncEnumerable<BlockAndPrivateData> GetBlockAndPrivateDataEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default) =>
        NewBlockAndPrivateDataEventsRequest(options).GetEventsAsync(cancellationToken);

    public IBlockAndPrivateDataEventsRequest NewBlockAndPrivateDataEventsRequest(EventsOptions? options = null) =>
        new BlockAndPrivateDataEventsRequestImpl(_client, _identity, NewEnvelope(options));

    private Envelope NewEnvelope(EventsOptions? options)
    {
        _client.ThrowIfDisposed();
        return EventRequests.NewDeliverEnvelope(_identity, Name, _tlsCertificateHash, EventRequests.StartPosition(options));
    }
}

internal sealed class ContractImpl : IContract
{
    private readonly GatewayClient _client;
    private readonly SigningIdentity _identity;
    private readonly string _channelName;

    public ContractImpl(GatewayClient client, SigningIdentity identity, string channelName, string chaincodeName, string? contractName)
    {
        _client = client;
        _identity = identity;
        _channelName = channelName;
        ChaincodeName = chaincodeName;
        ContractName = contractName;
    }

    public string ChaincodeName { get; }

    public string? ContractName { get; }

    public Task<byte[]> EvaluateTransactionAsync(string transactionName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        EvaluateAsync(transactionName, WithStrings(arguments), cancellationToken);


    public Task<byte[]> EvaluateAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default) =>
        NewProposal(transactionName, options).EvaluateAsync(cancellationToken);

    public Task<byte[]> SubmitTransactionAsync(string transactionName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) =>
        SubmitAsync(transactionName, WithStrings(arguments), cancellationToken);


    public async Task<byte[]> SubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var submitted = await StartSubmitAsync(transactionName, options, cancellationToken).ConfigureAwait(false);
        var status = await submitted.GetStatusAsync(cancellationToken).ConfigureAwait(false);
        if (!status.Successful)
        {
            throw new CommitException(status.TransactionId, status.Code);
        }

        return submitted.GetResult();
    }

    public async Task<ISubmittedTransaction> StartSubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var proposal = NewProposal(transactionName, options);
        var transaction = await proposal.EndorseAsync(cancellationToken).ConfigureAwait(false);
        return await transaction.SubmitAsync(cancellationToken).ConfigureAwait(false);
    }

    public IProposal NewProposal(string transactionName, ProposalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transactionName);
        _client.ThrowIfDisposed();
        var qualified = ContractName is null ? transactionName : ContractName + ":" + transactionName;
        var proposed = ProposalBuilder.Build(_identity, _channelName, ChaincodeName, qualified, options);
        return new ProposalImpl(_client, _identity, _channelName, proposed, new OperationInfo(_channelName, ChaincodeName, qualified, proposed.TransactionId));
    }

    private static ProposalOptions WithStrings(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var options = new ProposalOptions();
        foreach (var argument in arguments)
        {
            options.AddArguments(argument ?? throw new ArgumentException("An argument is null.", nameof(arguments)));
        }

        return options;
    }
}
