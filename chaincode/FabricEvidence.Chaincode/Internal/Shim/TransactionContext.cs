using System.Diagnostics.CodeAnalysis;
using System.Text;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>The key the peer and the shims correlate messages by: the same txid may run on two channels at once (cross-channel calls).</summary>
internal readonly record struct TransactionKey(string ChannelId, string TxId);

/// <summary>
/// One transaction in flight on a connection: it sends the stub's requests one at a time and receives their replies.
/// The peer keeps at most one outstanding request per (channel, txid) and silently drops a second one, so concurrent
/// calls from the chaincode (for example from parallel tasks) must queue here rather than go out together.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The semaphore never allocates a wait handle (no AvailableWaitHandle, no blocking Wait); a cancelled request may release it after the transaction ends, so it is left to the GC.")]
internal sealed class TransactionContext
{
    private readonly ChaincodeConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TaskCompletionSource<ChaincodeMessage>? _pending;
    private volatile string? _abortReason;
    private volatile bool _completed;

    public TransactionContext(ChaincodeConnection connection, string channelId, string txId)
    {
        _connection = connection;
        ChannelId = channelId;
        TxId = txId;
    }

    public string ChannelId { get; }

    public string TxId { get; }

    public TransactionKey Key => new(ChannelId, TxId);

    /// <summary>Cancelled when the connection to the peer ends: nobody is waiting for this transaction any more.</summary>
    public CancellationToken Cancellation => _connection.Aborted;

    public PeerCapabilities Capabilities => _connection.Capabilities;

    /// <summary>Marks the transaction finished: later stub calls fail instead of sending requests the peer would reject.</summary>
    public void Complete() => _completed = true;

    /// <summary>The connection ended: fail the outstanding request and any later one.</summary>
    public void Abort(string reason)
    {
        _abortReason = reason;
        if (TakePending() is { } pending)
        {
            // The waiting chaincode resumes on the thread pool, not on the thread that is tearing the connection down.
            var failure = new PeerRequestException(reason, string.Empty, ChannelId, TxId);
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.pending.TrySetException(s.failure), (pending, failure), preferLocal: false);
        }
    }

    /// <summary>
    /// Delivers a RESPONSE or ERROR from the peer; <see langword="false"/> when no request is outstanding. The waiting
    /// chaincode resumes on the thread pool (<see cref="ChaincodeConnection.Resume"/>).
    /// </summary>
    public bool TryDeliver(ChaincodeMessage reply)
    {
        if (TakePending() is not { } pending)
        {
            return false;
        }

        ChaincodeConnection.Resume(static s =>
        {
            var (p, r) = ((TaskCompletionSource<ChaincodeMessage>, ChaincodeMessage))s!;
            p.TrySetResult(r);
        }, (pending, reply));
        return true;
    }

    public void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw KeyRules.StubCompleted(TxId);
        }
    }

    /// <summary>Sends one request and returns the payload of the peer's RESPONSE.</summary>
    /// <exception cref="PeerRequestException">The peer answered ERROR, or the connection ended.</exception>
    public async Task<ByteString> RequestAsync(MessageType type, IMessage payload, CancellationToken cancellationToken)
    {
        ThrowIfCompleted();
        var message = new ChaincodeMessage
        {
            Type = type,
            Payload = payload.ToByteString(),
            Txid = TxId,
            ChannelId = ChannelId,
        };

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var release = true;
        try
        {
            ThrowIfCompleted();
            ThrowIfAborted(type);
            // Continuations run synchronously on purpose: whoever completes the reply has already chosen the thread
            // (TryDeliver and Abort never complete it on a thread that must not run chaincode code).
            var reply = new TaskCompletionSource<ChaincodeMessage>();
            PublishPending(reply);
            if (_abortReason is { } reason)
            {
                // Aborted between the check and publishing the request: nobody would ever answer it.
                TakePending();
                throw new PeerRequestException(reason, type.ToString(), ChannelId, TxId);
            }

            try
            {
                await _connection.SendAsync(message).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not PeerRequestException)
            {
                TakePending();
                throw new PeerRequestException($"{Name(type)} could not be sent to the peer: {ex.Message}", Name(type), ChannelId, TxId, ex);
            }

            ChaincodeMessage answer;
            if (!cancellationToken.CanBeCanceled)
            {
                answer = await reply.Task.ConfigureAwait(false);
            }
            else
            {
                try
                {
                    answer = await reply.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The request is on the wire and its reply will come; the next request may go only after it has,
                    // or the peer would drop the next one as a second concurrent request.
                    release = false;
                    _ = reply.Task.ContinueWith(static (_, gate) => ((SemaphoreSlim)gate!).Release(), _gate, CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    throw;
                }
            }

            return Interpret(type, answer);
        }
        finally
        {
            if (release)
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Publishes the outstanding request, for the reply (or the stream's end) to complete.</summary>
    private void PublishPending(TaskCompletionSource<ChaincodeMessage> reply) => Volatile.Write(ref _pending, reply);

    /// <summary>Takes the outstanding request, if any; whoever takes it delivers or fails it, exactly once.</summary>
    private TaskCompletionSource<ChaincodeMessage>? TakePending() => Interlocked.Exchange(ref _pending, null);

    private ByteString Interpret(MessageType type, ChaincodeMessage answer)
    {
        switch (answer.Type)
        {
            case MessageType.Response:
                return answer.Payload;
            case MessageType.Error:
                throw new PeerRequestException(answer.Payload.ToStringUtf8(), Name(type), ChannelId, TxId);
            default:
                throw new PeerRequestException(
                    $"The peer answered {Name(type)} with {Name(answer.Type)}; expected RESPONSE or ERROR.", Name(type), ChannelId, TxId);
        }
    }

    private void ThrowIfAborted(MessageType type)
    {
        if (_abortReason is { } reason)
        {
            throw new PeerRequestException(reason, Name(type), ChannelId, TxId);
        }
    }

    /// <summary>The type as Fabric spells it (GET_STATE), for messages that users compare with peer logs.</summary>
    public static string Name(MessageType type) => MessageTypeNames.Get(type);
}

/// <summary>Fabric's upper-case names of the message types, cached (enum ToString is not free and not Fabric's spelling).</summary>
internal static class MessageTypeNames
{
    private static readonly Dictionary<MessageType, string> Names = Build();

    public static string Get(MessageType type) =>
        Names.TryGetValue(type, out var name) ? name : ((int)type).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Dictionary<MessageType, string> Build()
    {
        var names = new Dictionary<MessageType, string>();
        foreach (var value in Enum.GetValues<MessageType>())
        {
            var field = typeof(MessageType).GetField(value.ToString());
            var original = field?.GetCustomAttributes(typeof(Google.Protobuf.Reflection.OriginalNameAttribute), false)
                .OfType<Google.Protobuf.Reflection.OriginalNameAttribute>().FirstOrDefault()?.Name;
            names[value] = original ?? ToUpperSnake(value.ToString());
        }

        return names;
    }

    private static string ToUpperSnake(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
