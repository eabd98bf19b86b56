using System.Buffers;
using System.Net;

namespace FabricEvidence.Protocol.Internal;

/// <summary>Frames one message into a pooled buffer: the 5-byte gRPC header followed by the serialized message.</summary>
internal static class MessageFramer
{
    public static (byte[] Buffer, int Length) Frame<T>(GrpcMarshaller<T> marshaller, T message, int maxSize)
    {
        var size = marshaller.GetSize(message);
        if (size > maxSize)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} > {maxSize} bytes).");
        }

        var total = GrpcProtocol.HeaderSize + size;
        var buffer = ArrayPool<byte>.Shared.Rent(total);
        GrpcProtocol.WriteHeader(buffer, compressed: false, size);
        marshaller.Write(message, buffer.AsSpan(GrpcProtocol.HeaderSize, size));
        return (buffer, total);
    }
}

/// <summary>The body of a unary or server-streaming request: exactly one framed message.</summary>
internal sealed class SingleMessageContent : HttpContent
{
    private byte[]? _buffer;
    private readonly int _length;

    public SingleMessageContent(byte[] framed, int length)
    {
        _buffer = framed;
        _length = length;
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(SingleMessageContent));
        await stream.WriteAsync(buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }
}

/// <summary>
/// The body of a duplex request. HttpClient hands us the request stream once the request headers are sent; writers
/// then push framed messages into it until the call completes its requests, which ends the HTTP/2 stream.
/// </summary>
internal sealed class PushStreamContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PushStreamContent()
    {
        Headers.TryAddWithoutValidation("Content-Type", GrpcProtocol.ContentType);
    }

    public Task<Stream> StreamTask => _stream.Task;

    public void Complete() => _completed.TrySetResult();

    public void Fail(Exception exception)
    {
        _stream.TrySetException(exception);
        _completed.TrySetException(exception);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // SocketsHttpHandler may keep the HTTP/2 HEADERS frame of a request with a body in its write buffer until
        // body data is written. A duplex call whose server speaks first (Fabric's chaincode Connect: the chaincode
        // sends REGISTER before the peer sends anything) would then never start; flushing sends the headers now.
        try
        {
            await stream.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Fail(ex);
            throw;
        }

        _stream.TrySetResult(stream);
        await _completed.Task.ConfigureAwait(false);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        SerializeToStreamAsync(stream, context);

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
