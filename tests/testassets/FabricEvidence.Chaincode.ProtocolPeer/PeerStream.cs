using FabricEvidence.Protocol.Peer;
using Grpc.Core;
using Grpc.Net.Client;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>
/// A raw Connect stream to a chaincode server, dialled as a peer does: send and receive <see cref="ChaincodeMessage"/>s
/// by hand (handshake tests), or wrap it in a <see cref="TestPeer"/>.
/// </summary>
public sealed class PeerStream : IPeerStream
{
    private readonly GrpcChannel _channel;
    private readonly bool _ownsChannel;
    private readonly AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> _call;
    private readonly IAsyncEnumerator<ChaincodeMessage> _responses;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task<bool>? _pendingMove;
    private bool _completed;

    private PeerStream(GrpcChannel channel, bool ownsChannel, AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> call)
    {
        _channel = channel;
        _ownsChannel = ownsChannel;
        _call = call;
        _responses = call.ResponseStream.ReadAllAsync().GetAsyncEnumerator();
    }

    public static PeerStream Open(string address, PeerTlsOptions? tls = null) =>
        Open(PeerChannels.Create(address, tls), ownsChannel: true);

    public static PeerStream Open(GrpcChannel channel, bool ownsChannel = false) =>
        new(channel, ownsChannel, new Protocol.Peer.Chaincode.ChaincodeClient(channel).Connect());

    public AsyncDuplexStreamingCall<ChaincodeMessage, ChaincodeMessage> Call => _call;

    public async Task SendAsync(ChaincodeMessage message, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _call.RequestStream.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next message from the chaincode; <see langword="null"/> when it has ended the stream.</summary>
    public async Task<ChaincodeMessage?> ReceiveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        // A receive that timed out leaves its read pending; the next receive continues it rather than start a second.
        var next = _pendingMove ??= _responses.MoveNextAsync().AsTask();
        var finished = await Task.WhenAny(next, Task.Delay(timeout ?? TimeSpan.FromSeconds(30), cancellationToken));
        if (finished != next)
        {
            throw new TimeoutException("The chaincode sent nothing in time.");
        }

        _pendingMove = null;
        return await next ? _responses.Current : null;
    }

    /// <summary>Every further message from the chaincode, until it ends the stream.</summary>
    public async IAsyncEnumerable<ChaincodeMessage> ReadRemainingAsync()
    {
        if (_pendingMove is { } pending)
        {
            _pendingMove = null;
            if (!await pending)
            {
                yield break;
            }

            yield return _responses.Current;
        }

        while (await _responses.MoveNextAsync())
        {
            yield return _responses.Current;
        }
    }

    /// <summary>Half-closes the peer's side, as a peer does when it is done with the chaincode.</summary>
    public async Task CompleteAsync()
    {
        if (!_completed)
        {
            _completed = true;
            await _call.RequestStream.CompleteAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _call.Dispose();
        try
        {
            await _responses.DisposeAsync();
        }
        catch (Exception)
        {
            // The call was cancelled; its reader may report that.
        }

        if (_ownsChannel)
        {
            _channel.Dispose();
        }

        _sendLock.Dispose();
    }
}
