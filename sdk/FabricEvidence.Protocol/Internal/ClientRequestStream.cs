using System.Buffers;

namespace FabricEvidence.Protocol.Internal;

/// <summary>Writes framed request messages into a duplex call's HTTP/2 request stream, one writer at a time.</summary>
internal sealed class ClientRequestStream<TRequest> : IGrpcStreamWriter<TRequest>, IDisposable
{
    private readonly IClientCallState _call;
    private readonly PushStreamContent _content;
    private readonly GrpcMarshaller<TRequest> _marshaller;
    private readonly int _maxSize;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _completed;

    public ClientRequestStream(IClientCallState call, PushStreamContent content, GrpcMarshaller<TRequest> marshaller, int maxSize)
    {
        _call = call;
        _content = content;
        _marshaller = marshaller;
        _maxSize = maxSize;
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException("Requests were already completed with CompleteAsync; no more can be written.");
            }

            // Once the call has ended, the HTTP/2 request stream may still accept bytes that nobody will read.
            if (_call.EndedError() is { } ended)
            {
                throw ended;
            }

            var stream = await _content.StreamTask.WaitAsync(cancellationToken).ConfigureAwait(false);
            var (buffer, length) = MessageFramer.Frame(_marshaller, message, _maxSize);
            try
            {
                await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException || (ex is not GrpcException and not InvalidOperationException and not OperationCanceledException) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The stream broke underneath us (a disposed stream means the call ended meanwhile): report why the call
            // ended, not the I/O symptom.
            throw _call.EndedError() ?? _call.FailFrom(ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();

    public async Task CompleteAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _completed = true;
            _content.Complete();
        }
        finally
        {
            _writeLock.Release();
        }
    }
}

/// <summary>What a request stream needs from its call: a way to turn a transport failure into the call's status.</summary>
internal interface IClientCallState
{
    GrpcException FailFrom(Exception exception);

    /// <summary>
    /// Why no more requests can be written because the call has ended: a <see cref="GrpcException"/> with its status,
    /// or an <see cref="InvalidOperationException"/> when it ended OK. <see langword="null"/> while the call runs.
    /// </summary>
    Exception? EndedError();
}
