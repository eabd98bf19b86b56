using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using Grpc.Core;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>How a <see cref="TestPeer"/> behaves. Each default mirrors a Fabric peer's default.</summary>
public sealed class TestPeerOptions
{
    /// <summary>The channel of transactions that name none. Defaults to "mychannel".</summary>
    public string ChannelId { get; set; } = "mychannel";

    /// <summary>The chaincode name put in proposals. Defaults to "refcc".</summary>
    public string ChaincodeName { get; set; } = "refcc";

    /// <summary>
    /// The package id the peer accepts in REGISTER; <see langword="null"/> accepts any. A real peer does not answer a
    /// package id it did not launch; this peer answers ERROR so that tests see the rejection at once.
    /// </summary>
    public string? ExpectedChaincodeId { get; set; }

    /// <summary>What READY advertises. Defaults to nothing (a peer before Fabric 3.1, or with batching off).</summary>
    public ChaincodeAdditionalParams ReadyParameters { get; set; } = new();

    /// <summary>Results per non-paginated query reply (the peer's MaxResultLimit). Defaults to 100.</summary>
    public int QueryBatchSize { get; set; } = 100;

    /// <summary>The most results a query returns (ledger.state.totalQueryLimit). Defaults to 10,000.</summary>
    public int TotalQueryLimit { get; set; } = 10000;

    /// <summary>Whether the channel has application capability V1_3 (key-level endorsement). Defaults to true.</summary>
    public bool KeyLevelEndorsement { get; set; } = true;

    /// <summary>Whether the channel has application capability V2_5 (purge of private data). Defaults to true.</summary>
    public bool PurgePrivateData { get; set; } = true;

    /// <summary>
    /// How long each request takes to answer. Zero (the default) answers on the reading task; a positive delay answers
    /// on a task of its own, which is what lets the peer catch a chaincode sending two requests of one transaction at once.
    /// </summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Whether to keep a transcript (costly; off for benchmarks). Defaults to true.</summary>
    public bool RecordTranscript { get; set; } = true;

    /// <summary>Whether a successful transaction's writes are committed to <see cref="Ledger"/>. Defaults to true.</summary>
    public bool CommitOnSuccess { get; set; } = true;

    /// <summary>The ledger; a new empty one by default.</summary>
    public InMemoryLedger? Ledger { get; set; }

    /// <summary>Where proposals come from; by default a factory with a new identity of Org1MSP.</summary>
    public ProposalFactory? Proposals { get; set; }

    /// <summary>TLS of the gRPC channel (roots, client certificate); <see langword="null"/> for plaintext.</summary>
    public PeerTlsOptions? Tls { get; set; }

    /// <summary>Other chaincodes INVOKE_CHAINCODE can reach, by name: given the channel and input, the reply (COMPLETED or ERROR).</summary>
    public Dictionary<string, Func<string, ChaincodeInput, ChaincodeMessage>> OtherChaincodes { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// How the peer talks to the chaincode. Defaults to <see cref="PeerTransport.Grpc"/>, our gRPC client; benchmarks
    /// use <see cref="PeerTransport.RawHttp2"/>, whose own cost is small enough not to hide the chaincode's.
    /// </summary>
    public PeerTransport Transport { get; set; } = PeerTransport.Grpc;

    /// <summary>
    /// Whether the caller of <see cref="TestPeer.ExecuteAsync"/> resumes on the peer's read loop when the COMPLETED
    /// arrives, instead of on a pool thread. Saves a thread hop per transaction (benchmarks); callers must then not
    /// block, or the peer stops reading. Defaults to false.
    /// </summary>
    public bool ResumeCallersOnReadLoop { get; set; }

    /// <summary>How long to wait for a transaction's COMPLETED. Defaults to 30 seconds (the peer's executetimeout).</summary>
    public TimeSpan TransactionTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The client a <see cref="TestPeer"/> dials the chaincode with.</summary>
public enum PeerTransport
{
    /// <summary>Grpc.Net.Client: TLS, every gRPC status, for tests.</summary>
    Grpc,

    /// <summary>A minimal single-threaded HTTP/2 client without TLS, for benchmarks (see <c>RawHttp2PeerStream</c>).</summary>
    RawHttp2,
}

/// <summary>What to send as one transaction.</summary>
public sealed class TransactionRequest
{
    public TransactionRequest(params string[] args) => Args = args.Select(a => Encoding.UTF8.GetBytes(a)).ToList();

    public TransactionRequest(IReadOnlyList<byte[]> args) => Args = args;

    public IReadOnlyList<byte[]> Args { get; }

    public string? ChannelId { get; init; }

    /// <summary>Overrides the txid computed from the proposal.</summary>
    public string? TxId { get; init; }

    public bool IsInit { get; init; }

    public IReadOnlyDictionary<string, byte[]>? Transient { get; init; }

    public IReadOnlyDictionary<string, byte[]>? Decorations { get; init; }

    /// <summary>Whether to send a signed proposal with the transaction. Defaults to true.</summary>
    public bool IncludeProposal { get; init; } = true;

    /// <summary>A proposal made beforehand (benchmarks reuse them, so that signing is not measured); its txid is used.</summary>
    public (SignedProposal Proposal, string TxId)? Prepared { get; init; }
}

/// <summary>How a transaction ended.</summary>
public sealed class TransactionResult
{
    internal TransactionResult(ChaincodeMessage message, string channelId, string txId, IReadOnlyList<string> transcript)
    {
        Message = message;
        ChannelId = channelId;
        TxId = txId;
        Transcript = transcript;
        if (message.Type == MessageType.Completed)
        {
            Response = Protocol.Peer.Response.Parser.ParseFrom(message.Payload);
        }
    }

    public ChaincodeMessage Message { get; }

    public string ChannelId { get; }

    public string TxId { get; }

    /// <summary>The normalised transcript lines of this transaction.</summary>
    public IReadOnlyList<string> Transcript { get; }

    /// <summary>The response of a COMPLETED; <see langword="null"/> when the chaincode answered ERROR.</summary>
    public Response? Response { get; }

    public bool IsCompleted => Message.Type == MessageType.Completed;

    public int Status => Response?.Status ?? 0;

    /// <summary>The response payload as UTF-8.</summary>
    public string Payload => Response?.Payload.ToStringUtf8() ?? string.Empty;

    /// <summary>The response message, or the text of an ERROR.</summary>
    public string ErrorMessage => Response?.Message ?? Message.Payload.ToStringUtf8();

    public ChaincodeEvent? Event => Message.ChaincodeEvent;

    public override string ToString() => $"{Names.Of(Message.Type)} status={Status} message={ErrorMessage} payload={Payload}";
}

/// <summary>The peer rejected the chaincode's registration (wrong package id).</summary>
public sealed class RegistrationRejectedException : Exception
{
    public RegistrationRejectedException(string message)
        : base(message)
    {
    }

    public RegistrationRejectedException()
    {
    }

    public RegistrationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The peer's side of <c>protos.Chaincode/Connect</c>: dials a chaincode server, takes its REGISTER, answers REGISTERED
/// and READY, then runs transactions (concurrently, each with a real signed proposal) and answers the chaincode's
/// requests from an <see cref="InMemoryLedger"/> following the rules of Fabric's peer (batches of 100 with has_more,
/// pagination with bookmarks, private data not in Init, capabilities, one outstanding request per transaction).
/// </summary>
public sealed class TestPeer : IAsyncDisposable
{
    private readonly IPeerStream _stream;
    private readonly TestPeerOptions _options;
    private readonly ConcurrentDictionary<(string ChannelId, string TxId), PeerTransaction> _active = new();
    private readonly Channel<ChaincodeMessage> _unsolicited = Channel.CreateUnbounded<ChaincodeMessage>();
    private readonly ConcurrentQueue<string> _violations = new();
    private long _requestsReceived;
    private readonly RequestHandler _handler;
    private Task _reader = Task.CompletedTask;

    private TestPeer(IPeerStream stream, TestPeerOptions options)
    {
        _stream = stream;
        _options = options;
        Ledger = options.Ledger ?? new InMemoryLedger();
        Proposals = options.Proposals ?? new ProposalFactory(TestIdentity.Create());
        _handler = new RequestHandler(Ledger, options);
    }

    public InMemoryLedger Ledger { get; }

    public ProposalFactory Proposals { get; }

    public Transcript Transcript { get; } = new();

    /// <summary>The package id the chaincode registered with.</summary>
    public string RegisteredChaincodeId { get; private set; } = string.Empty;

    /// <summary>Requests the peer dropped because another request of the same transaction was outstanding.</summary>
    public IReadOnlyCollection<string> Violations => _violations.ToArray();

    /// <summary>The requests chaincodes sent within transactions (GET_STATE, PUT_STATE, ...), answered or not yet.</summary>
    public long RequestsReceived => Interlocked.Read(ref _requestsReceived);

    /// <summary>Completes when the chaincode has ended the stream.</summary>
    public Task Closed => _reader;

    /// <summary>Dials <paramref name="address"/> and performs the handshake.</summary>
    /// <exception cref="RegistrationRejectedException">The chaincode registered with an id other than <see cref="TestPeerOptions.ExpectedChaincodeId"/>.</exception>
    public static async Task<TestPeer> ConnectAsync(string address, TestPeerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TestPeerOptions();
        IPeerStream stream = options.Transport == PeerTransport.RawHttp2
            ? await RawHttp2PeerStream.OpenAsync(address, cancellationToken)
            : PeerStream.Open(address, options.Tls);
        var peer = new TestPeer(stream, options);
        try
        {
            await peer.HandshakeAsync(cancellationToken);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    public Task<TransactionResult> InvokeAsync(params string[] args) => ExecuteAsync(new TransactionRequest(args));

    /// <summary>Sends a transaction and waits for the chaincode's COMPLETED or ERROR; commits its writes on success.</summary>
    public async Task<TransactionResult> ExecuteAsync(TransactionRequest request, CancellationToken cancellationToken = default)
    {
        var channelId = request.ChannelId ?? _options.ChannelId;
        var input = new ChaincodeInput { IsInit = request.IsInit };
        input.Args.AddRange(request.Args.Select(a => ByteString.CopyFrom(a)));
        if (request.Decorations is not null)
        {
            foreach (var (key, value) in request.Decorations)
            {
                input.Decorations.Add(key, ByteString.CopyFrom(value));
            }
        }

        SignedProposal? proposal = null;
        var txId = request.TxId;
        if (request.Prepared is { } prepared)
        {
            proposal = prepared.Proposal;
            txId ??= prepared.TxId;
        }
        else if (request.IncludeProposal)
        {
            var created = Proposals.Create(channelId, _options.ChaincodeName, input, request.Transient);
            proposal = created.Proposal;
            txId ??= created.TxId;
        }

        txId ??= Guid.NewGuid().ToString("N");
        var transaction = new PeerTransaction(channelId, txId, request.IsInit, _options.ResumeCallersOnReadLoop);
        if (!_active.TryAdd((channelId, txId), transaction))
        {
            throw new InvalidOperationException($"Transaction {txId} is already running on this peer.");
        }

        try
        {
            await SendAsync(new ChaincodeMessage
            {
                Type = request.IsInit ? MessageType.Init : MessageType.Transaction,
                Payload = input.ToByteString(),
                Txid = txId,
                ChannelId = channelId,
                Proposal = proposal,
            }, null, cancellationToken);

            ChaincodeMessage completion;
            try
            {
                completion = await transaction.Completion.Task.WaitAsync(_options.TransactionTimeout, cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"Transaction {txId} did not complete within {_options.TransactionTimeout}. Transcript:{Environment.NewLine}{string.Join(Environment.NewLine, Transcript.ForTransaction(channelId, txId))}");
            }

            var result = new TransactionResult(completion, channelId, txId,
                _options.RecordTranscript ? Transcript.NormalisedLines(channelId, txId) : Array.Empty<string>());
            if (result.IsCompleted && result.Status < 400 && _options.CommitOnSuccess)
            {
                Ledger.Commit(transaction.Simulation, txId, ProposalFactory.ClientTime);
            }

            return result;
        }
        finally
        {
            _active.TryRemove((channelId, txId), out _);
        }
    }

    /// <summary>Sends any message (for out-of-turn and malformed-message tests).</summary>
    public Task SendRawAsync(ChaincodeMessage message, CancellationToken cancellationToken = default) => SendAsync(message, null, cancellationToken);

    /// <summary>The next message that belongs to no running transaction (KEEPALIVE echoes, ERROR replies to stray messages).</summary>
    public async Task<ChaincodeMessage> ReceiveUnsolicitedAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _unsolicited.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The chaincode sent no message outside a transaction in time.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("The chaincode ended the stream.");
        }
    }

    /// <summary>Ends the stream from the peer's side, as a peer that goes away does.</summary>
    public async Task DisconnectAsync()
    {
        await _stream.CompleteAsync();
        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // The reader ends with the call's cancellation.
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var register = await _stream.ReceiveAsync(TimeSpan.FromSeconds(15), cancellationToken)
            ?? throw new InvalidOperationException("The chaincode ended the stream before sending REGISTER.");
        Record(Direction.ToPeer, register, null);
        if (register.Type != MessageType.Register)
        {
            throw new InvalidOperationException($"The chaincode's first message is {Names.Of(register.Type)}; Fabric expects REGISTER.");
        }

        RegisteredChaincodeId = ChaincodeID.Parser.ParseFrom(register.Payload).Name;
        if (_options.ExpectedChaincodeId is { } expected && expected != RegisteredChaincodeId)
        {
            await SendAsync(new ChaincodeMessage
            {
                Type = MessageType.Error,
                Payload = ByteString.CopyFromUtf8($"peer will not accept external chaincode connection {RegisteredChaincodeId} (except in dev mode)"),
            }, null, cancellationToken);
            throw new RegistrationRejectedException($"The chaincode registered as '{RegisteredChaincodeId}', not '{expected}'.");
        }

        await SendAsync(new ChaincodeMessage { Type = MessageType.Registered }, null, cancellationToken);
        await SendAsync(new ChaincodeMessage { Type = MessageType.Ready, Payload = _options.ReadyParameters.ToByteString() }, null, cancellationToken);
        _reader = Task.Run(ReadLoopAsync, CancellationToken.None);
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            await foreach (var message in _stream.ReadRemainingAsync())
            {
                await DispatchAsync(message);
            }
        }
        catch (Exception ex) when (ex is RpcException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The stream ended abnormally (disposed peer, dropped connection); running transactions fail below.
        }
        finally
        {
            _unsolicited.Writer.TryComplete();
            foreach (var transaction in _active.Values)
            {
                transaction.Completion.TrySetException(new InvalidOperationException("The chaincode ended the stream."));
            }
        }
    }

    private async Task DispatchAsync(ChaincodeMessage message)
    {
        Record(Direction.ToPeer, message, null);
        _active.TryGetValue((message.ChannelId, message.Txid), out var transaction);
        switch (message.Type)
        {
            case MessageType.Completed or MessageType.Error:
                if (transaction is null || !transaction.Completion.TrySetResult(message))
                {
                    _unsolicited.Writer.TryWrite(message);
                }

                return;
            case MessageType.Keepalive or MessageType.Register:
                _unsolicited.Writer.TryWrite(message);
                return;
        }

        if (transaction is null)
        {
            await SendAsync(Error(message, "no ledger context"), message.Type, CancellationToken.None);
            return;
        }

        Interlocked.Increment(ref _requestsReceived);
        if (Interlocked.Exchange(ref transaction.RequestInFlight, 1) != 0)
        {
            // What Fabric's peer does with a second concurrent request of one transaction: log and drop it.
            _violations.Enqueue($"{Names.Of(message.Type)} of {message.Txid} arrived while another request of the transaction was outstanding; dropped.");
            return;
        }

        if (_options.ResponseDelay <= TimeSpan.Zero)
        {
            await AnswerAsync(transaction, message);
        }
        else
        {
            _ = Task.Run(async () =>
            {
                await Task.Delay(_options.ResponseDelay);
                await AnswerAsync(transaction, message);
            });
        }
    }

    private async Task AnswerAsync(PeerTransaction transaction, ChaincodeMessage request)
    {
        ChaincodeMessage reply;
        try
        {
            reply = new ChaincodeMessage
            {
                Type = MessageType.Response,
                Payload = _handler.Handle(transaction, request),
                Txid = request.Txid,
                ChannelId = request.ChannelId,
            };
        }
        catch (PeerErrorException ex)
        {
            reply = Error(request, ex.Message);
        }

        Volatile.Write(ref transaction.RequestInFlight, 0);
        try
        {
            await SendAsync(reply, request.Type, CancellationToken.None);
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            // The stream is gone.
        }
    }

    private static ChaincodeMessage Error(ChaincodeMessage request, string cause) => new()
    {
        Type = MessageType.Error,
        Payload = ByteString.CopyFromUtf8($"{Names.Of(request.Type)} failed: transaction ID: {request.Txid}: {cause}"),
        Txid = request.Txid,
        ChannelId = request.ChannelId,
    };

    private async Task SendAsync(ChaincodeMessage message, MessageType? answers, CancellationToken cancellationToken)
    {
        Record(Direction.ToChaincode, message, answers);
        await _stream.SendAsync(message, cancellationToken);
    }

    private void Record(Direction direction, ChaincodeMessage message, MessageType? answers)
    {
        if (_options.RecordTranscript)
        {
            Transcript.Add(direction, message, answers);
        }
    }
}

/// <summary>A transaction the peer is running: its simulation, its open iterators, its completion.</summary>
internal sealed class PeerTransaction
{
    public PeerTransaction(string channelId, string txId, bool isInit, bool resumeOnReadLoop)
    {
        Completion = new(resumeOnReadLoop ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        ChannelId = channelId;
        TxId = txId;
        IsInit = isInit;
    }

    public string ChannelId { get; }

    public string TxId { get; }

    public bool IsInit { get; }

    public TxSimulation Simulation { get; } = new();

    public Dictionary<string, QueryIteratorState> Iterators { get; } = new(StringComparer.Ordinal);

    public TaskCompletionSource<ChaincodeMessage> Completion { get; }

    public int RequestInFlight;
}

/// <summary>An open query on the peer: the results still to send.</summary>
internal sealed class QueryIteratorState
{
    public QueryIteratorState(IReadOnlyList<ByteString> results) => Results = results;

    public IReadOnlyList<ByteString> Results { get; }

    public int Position { get; set; }

    public int Returned { get; set; }
}

/// <summary>A request the peer refuses; the message becomes the ERROR text after Fabric's prefix.</summary>
internal sealed class PeerErrorException : Exception
{
    public PeerErrorException(string message)
        : base(message)
    {
    }

    public PeerErrorException()
    {
    }

    public PeerErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
