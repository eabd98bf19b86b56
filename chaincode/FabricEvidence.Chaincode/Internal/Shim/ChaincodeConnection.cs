using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using FabricEvidence.Protocol.Peer;
using FabricEvidence.Chaincode.Internal.Transport;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;
using GrpcException = Grpc.Core.RpcException;
using GrpcStatus = Grpc.Core.Status;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>What every connection of one server shares.</summary>
/// <param name="ChaincodeId">The package id sent in REGISTER.</param>
/// <param name="MspId">The peer organisation's MSP id (CORE_PEER_LOCALMSPID), or <see langword="null"/>.</param>
/// <param name="ShutdownTimeout">How long a stopping server waits for in-flight transactions.</param>
/// <param name="RegistrationWarningDelay">How long to wait for REGISTERED before warning that the peer does not accept the id.</param>
internal sealed record ChaincodeRuntimeSettings(string ChaincodeId, string? MspId, TimeSpan ShutdownTimeout, TimeSpan RegistrationWarningDelay);

/// <summary>
/// One Connect stream with a peer: the chaincode's side of Fabric's handshake (REGISTER → REGISTERED → READY) and
/// then any number of transactions, multiplexed and each executed on its own task. The stream's writer serialises
/// sends, so messages of concurrent transactions never interleave on the stream. Nothing the peer sends can crash the
/// connection: malformed or out-of-turn messages get an ERROR reply.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The token source has no timer; transactions may still hold the token after the stream ends, so it must outlive the connection's run and is left to the GC.")]
internal sealed partial class ChaincodeConnection
{
    private readonly IChaincode _chaincode;
    private readonly ChaincodeRuntimeSettings _settings;
    private readonly IMessageWriter _writer;
    private readonly ILogger _logger;
    private readonly string _peer;
    private readonly ConcurrentDictionary<TransactionKey, TransactionContext> _transactions = new();
    private readonly CancellationTokenSource _aborted = new();
    private readonly TaskCompletionSource _idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private HandlerState _state = HandlerState.Created;
    private int _inFlight;
    private volatile bool _draining;

    public ChaincodeConnection(IChaincode chaincode, ChaincodeRuntimeSettings settings, IMessageWriter writer, ILogger logger, string peer)
    {
        _chaincode = chaincode;
        _settings = settings;
        _writer = writer;
        _logger = logger;
        _peer = peer;
    }

    private enum HandlerState
    {
        Created,
        Established,
        Ready,
    }

    /// <summary>Cancelled when the stream has ended: transactions still running can no longer reach the peer.</summary>
    public CancellationToken Aborted => _aborted.Token;

    public PeerCapabilities Capabilities { get; private set; } = PeerCapabilities.None;

    public string? MspId => _settings.MspId;

    /// <summary>
    /// Serves the stream until the peer ends it, the call is aborted, or <paramref name="stopping"/> fires and the
    /// transactions in flight have finished (or <see cref="ChaincodeRuntimeSettings.ShutdownTimeout"/> has passed).
    /// </summary>
    public async Task RunAsync(IAsyncEnumerable<ChaincodeMessage> requests, CancellationToken callAborted, CancellationToken stopping)
    {
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(callAborted);
        using var stopRegistration = stopping.Register(() => _ = DrainAsync(reading));
        using var registered = new CancellationTokenSource();
        try
        {
            await SendAsync(new ChaincodeMessage
            {
                Type = MessageType.Register,
                Payload = new ChaincodeID { Name = _settings.ChaincodeId }.ToByteString(),
            }).ConfigureAwait(false);
            LogRegistering(_logger, _peer, _settings.ChaincodeId);
            _ = WarnIfNotRegisteredAsync(registered.Token);

            await foreach (var message in requests.WithCancellation(reading.Token).ConfigureAwait(false))
            {
                if (!await HandleAsync(message).ConfigureAwait(false))
                {
                    break;
                }

                if (_state != HandlerState.Created && !registered.IsCancellationRequested)
                {
                    await registered.CancelAsync().ConfigureAwait(false);
                }
            }

            LogPeerClosed(_logger, _peer);
        }
        catch (OperationCanceledException) when (reading.IsCancellationRequested)
        {
            if (callAborted.IsCancellationRequested)
            {
                LogPeerClosed(_logger, _peer);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or GrpcException)
        {
            LogStreamFailed(_logger, ex, _peer);
        }
        finally
        {
            await registered.CancelAsync().ConfigureAwait(false);
            Abort("The connection to the peer has ended; the transaction cannot continue.");
        }
    }

    /// <summary>Sends one message; the writer serialises the sends of all transactions.</summary>
    /// <remarks>
    /// No token: the transport fails the write itself when the stream ends, and a token here would cost a linked
    /// source per message.
    /// </remarks>
    public Task SendAsync(ChaincodeMessage message) => _writer.WriteAsync(message, CancellationToken.None);

    /// <summary>Handles one message from the peer; <see langword="false"/> ends the stream.</summary>
    private async Task<bool> HandleAsync(ChaincodeMessage message)
    {
        if (message.Type == MessageType.Keepalive)
        {
            // Fabric's shims echo KEEPALIVE in every state; the peer ignores the echo.
            await SendAsync(message).ConfigureAwait(false);
            return true;
        }

        switch (_state)
        {
            case HandlerState.Created when message.Type == MessageType.Registered:
                _state = HandlerState.Established;
                return true;
            case HandlerState.Established when message.Type == MessageType.Ready:
                OnReady(message);
                return true;
            case HandlerState.Created or HandlerState.Established when message.Type == MessageType.Error:
                LogRegistrationRejected(_logger, _peer, _settings.ChaincodeId, message.Payload.ToStringUtf8());
                return false;
            case HandlerState.Ready:
                await OnReadyStateMessageAsync(message).ConfigureAwait(false);
                return true;
            default:
                await RejectAsync(message, $"Chaincode handler cannot handle message {TransactionContext.Name(message.Type)} while in state {_state.ToString().ToLowerInvariant()}.").ConfigureAwait(false);
                return true;
        }
    }

    private void OnReady(ChaincodeMessage message)
    {
        try
        {
            Capabilities = PeerCapabilities.FromReadyPayload(message.Payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            // A READY we cannot read still means ready; batching simply stays off.
            LogBadReadyPayload(_logger, ex, _peer);
            Capabilities = PeerCapabilities.None;
        }

        _state = HandlerState.Ready;
        LogReady(_logger, _peer, _settings.ChaincodeId, Capabilities.UseWriteBatch, Capabilities.MaxSizeWriteBatch,
            Capabilities.UseGetMultipleKeys, Capabilities.MaxSizeGetMultipleKeys);
    }

    private async Task OnReadyStateMessageAsync(ChaincodeMessage message)
    {
        switch (message.Type)
        {
            case MessageType.Response or MessageType.Error:
                if (!_transactions.TryGetValue(new TransactionKey(message.ChannelId, message.Txid), out var context) || !context.TryDeliver(message))
                {
                    LogUnexpectedReply(_logger, TransactionContext.Name(message.Type), message.ChannelId, message.Txid);
                }

                break;
            case MessageType.Transaction or MessageType.Init:
                await StartTransactionAsync(message).ConfigureAwait(false);
                break;
            default:
                await RejectAsync(message, $"Chaincode handler cannot handle message {TransactionContext.Name(message.Type)} while in state ready.").ConfigureAwait(false);
                break;
        }
    }

    private async Task StartTransactionAsync(ChaincodeMessage message)
    {
        // Counted before the draining check, so a drain that starts meanwhile either sees this transaction or makes
        // it refuse itself; it cannot finish while a transaction it did not see is starting.
        Interlocked.Increment(ref _inFlight);
        string? refusal = null;
        TransactionContext? context = null;
        if (_draining)
        {
            refusal = "The chaincode server is shutting down and accepts no new transactions; retry the transaction.";
        }
        else
        {
            context = new TransactionContext(this, message.ChannelId, message.Txid);
            if (!_transactions.TryAdd(context.Key, context))
            {
                refusal = $"Transaction {message.Txid} on channel {message.ChannelId} is already executing on this connection.";
            }
        }

        if (refusal is not null)
        {
            LeaveTransaction();
            await RejectAsync(message, refusal).ConfigureAwait(false);
            return;
        }

        Resume(static s =>
        {
            var (connection, transaction, request) = ((ChaincodeConnection, TransactionContext, ChaincodeMessage))s!;
            _ = connection.ExecuteAsync(transaction, request);
        }, (this, context!, message));
    }

    /// <summary>
    /// Runs chaincode work made runnable by a message (a transaction's start, a stub call's reply) on the thread pool,
    /// never on the loop reading the stream: chaincode code that computes for long must not hold up the messages of
    /// the other transactions on the same connection.
    /// </summary>
    internal static void Resume(Action<object?> work, object? state) =>
        ThreadPool.UnsafeQueueUserWorkItem(work, state, preferLocal: false);

    private async Task ExecuteAsync(TransactionContext context, ChaincodeMessage message)
    {
        try
        {
            var completion = await RunChaincodeAsync(context, message).ConfigureAwait(false);
            _transactions.TryRemove(context.Key, out _);
            if (completion is not null && !_aborted.IsCancellationRequested)
            {
                await SendAsync(completion).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException or GrpcException)
        {
            LogCompletionNotSent(_logger, ex, message.ChannelId, message.Txid);
        }
        finally
        {
            _transactions.TryRemove(context.Key, out _);
            LeaveTransaction();
        }
    }

    private void LeaveTransaction()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
        {
            _idle.TrySetResult();
        }
    }

    /// <summary>Runs the chaincode and builds the COMPLETED (or ERROR) to send; <see langword="null"/> when nobody can receive it.</summary>
    private async Task<ChaincodeMessage?> RunChaincodeAsync(TransactionContext context, ChaincodeMessage message)
    {
        ChaincodeStub stub;
        try
        {
            var input = ChaincodeInput.Parser.ParseFrom(message.Payload);
            stub = new ChaincodeStub(context, input, ProposalInfo.Decode(message.Proposal), _settings.MspId, message.Proposal);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or FormatException)
        {
            // The Go and Node shims answer an undecodable transaction with ERROR: there is no stub to run the chaincode with.
            LogBadTransaction(_logger, ex, message.ChannelId, message.Txid);
            context.Complete();
            return Reply(message, MessageType.Error, ByteString.CopyFromUtf8($"The chaincode cannot decode transaction {message.Txid}: {ex.Message}"));
        }

        ChaincodeResponse? response;
        try
        {
            response = message.Type == MessageType.Init
                ? await _chaincode.InitAsync(stub, context.Cancellation).ConfigureAwait(false)
                : await _chaincode.InvokeAsync(stub, context.Cancellation).ConfigureAwait(false);
            if (response is null)
            {
                response = ChaincodeResponse.Failure("The chaincode returned no response.");
                LogNoResponse(_logger, message.ChannelId, message.Txid);
            }
            else if (response.IsSuccess)
            {
                // Buffered writes must reach the peer's simulation before COMPLETED, or the endorsement would miss them.
                await stub.FlushWriteBatchAsync(context.Cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            context.Complete();
            return null;
        }
        catch (Exception ex)
        {
            // A throwing chaincode fails the transaction the way the Node shim's contract API does: COMPLETED with
            // status 500 and the exception's message (never its stack trace, which goes to the log only).
            LogChaincodeFailed(_logger, ex, message.ChannelId, message.Txid);
            response = ChaincodeResponse.Failure(ClientMessages.Of(ex));
        }
        finally
        {
            context.Complete();
        }

        var completed = Reply(message, MessageType.Completed, new Response
        {
            Status = response.Status,
            Message = response.Message ?? string.Empty,
            Payload = response.Payload is { Length: > 0 } payload ? ByteString.CopyFrom(payload) : ByteString.Empty,
        }.ToByteString());
        completed.ChaincodeEvent = stub.Event;
        return completed;
    }

    private static ChaincodeMessage Reply(ChaincodeMessage to, MessageType type, ByteString payload) => new()
    {
        Type = type,
        Payload = payload,
        Txid = to.Txid,
        ChannelId = to.ChannelId,
    };

    private async Task RejectAsync(ChaincodeMessage message, string reason)
    {
        LogRejected(_logger, TransactionContext.Name(message.Type), message.ChannelId, message.Txid, reason);
        await SendAsync(Reply(message, MessageType.Error, ByteString.CopyFromUtf8(reason))).ConfigureAwait(false);
    }

    private async Task DrainAsync(CancellationTokenSource reading)
    {
        _draining = true;
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _idle.TrySetResult();
        }

        try
        {
            await _idle.Task.WaitAsync(_settings.ShutdownTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogDrainTimedOut(_logger, _peer, Volatile.Read(ref _inFlight), _settings.ShutdownTimeout);
        }

        try
        {
            await reading.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The stream had already ended.
        }
    }

    private async Task WarnIfNotRegisteredAsync(CancellationToken registered)
    {
        try
        {
            await Task.Delay(_settings.RegistrationWarningDelay, registered).ConfigureAwait(false);
            LogNotRegistered(_logger, _peer, _settings.ChaincodeId, _settings.RegistrationWarningDelay);
        }
        catch (OperationCanceledException)
        {
            // Registered (or the stream ended) in time.
        }
    }

    private void Abort(string reason)
    {
        try
        {
            _aborted.Cancel();
        }
        catch (AggregateException ex)
        {
            LogStreamFailed(_logger, ex, _peer);
        }

        foreach (var context in _transactions.Values)
        {
            context.Abort(reason);
        }
    }

    [LoggerMessage(1, LogLevel.Information, "Peer {Peer} connected; registering chaincode {ChaincodeId}.")]
    private static partial void LogRegistering(ILogger logger, string peer, string chaincodeId);

    [LoggerMessage(2, LogLevel.Information, "Chaincode {ChaincodeId} is ready for peer {Peer} (write batch: {UseWriteBatch}, max {MaxWriteBatch}; multiple-key reads: {UseGetMultiple}, max {MaxGetMultiple}).")]
    private static partial void LogReady(ILogger logger, string peer, string chaincodeId, bool useWriteBatch, int maxWriteBatch, bool useGetMultiple, int maxGetMultiple);

    [LoggerMessage(3, LogLevel.Error, "Peer {Peer} rejected the registration of chaincode {ChaincodeId}: {Reason}. Check that CHAINCODE_ID is the package id the peer installed.")]
    private static partial void LogRegistrationRejected(ILogger logger, string peer, string chaincodeId, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Peer {Peer} has not accepted the registration of chaincode {ChaincodeId} after {Delay}. A peer does not answer a package id it has not installed: check that CHAINCODE_ID equals the package id printed by `peer lifecycle chaincode install` (or `queryinstalled`).")]
    private static partial void LogNotRegistered(ILogger logger, string peer, string chaincodeId, TimeSpan delay);

    [LoggerMessage(5, LogLevel.Information, "Peer {Peer} closed the chaincode stream.")]
    private static partial void LogPeerClosed(ILogger logger, string peer);

    [LoggerMessage(6, LogLevel.Warning, "The chaincode stream with peer {Peer} failed.")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string peer);

    [LoggerMessage(7, LogLevel.Warning, "Rejected {Type} for transaction {ChannelId}/{TxId}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string type, string channelId, string txId, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Ignored {Type} for transaction {ChannelId}/{TxId}: no request of that transaction is waiting for a reply.")]
    private static partial void LogUnexpectedReply(ILogger logger, string type, string channelId, string txId);

    [LoggerMessage(9, LogLevel.Error, "Transaction {ChannelId}/{TxId} failed in the chaincode.")]
    private static partial void LogChaincodeFailed(ILogger logger, Exception exception, string channelId, string txId);

    [LoggerMessage(10, LogLevel.Error, "Transaction {ChannelId}/{TxId} cannot be decoded.")]
    private static partial void LogBadTransaction(ILogger logger, Exception exception, string channelId, string txId);

    [LoggerMessage(11, LogLevel.Error, "Transaction {ChannelId}/{TxId}: the chaincode returned no response; answering status 500.")]
    private static partial void LogNoResponse(ILogger logger, string channelId, string txId);

    [LoggerMessage(12, LogLevel.Warning, "The result of transaction {ChannelId}/{TxId} could not be sent: the stream has ended.")]
    private static partial void LogCompletionNotSent(ILogger logger, Exception exception, string channelId, string txId);

    [LoggerMessage(13, LogLevel.Warning, "Peer {Peer} sent a READY payload that cannot be decoded; write batching and multiple-key reads stay off.")]
    private static partial void LogBadReadyPayload(ILogger logger, Exception exception, string peer);

    [LoggerMessage(14, LogLevel.Warning, "Shutdown: {Count} transaction(s) with peer {Peer} did not finish within {Timeout}; closing the stream.")]
    private static partial void LogDrainTimedOut(ILogger logger, string peer, int count, TimeSpan timeout);
}
