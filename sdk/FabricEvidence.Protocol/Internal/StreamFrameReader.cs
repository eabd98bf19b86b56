using System.Buffers;
using System.Buffers.Binary;

namespace FabricEvidence.Protocol.Internal;

/// <summary>
/// Reads length-prefixed gRPC messages from a stream through one pooled read-ahead buffer, so that small messages
/// cost one read for several frames. A returned payload is valid until the next call.
/// </summary>
internal sealed class StreamFrameReader : IDisposable
{
    private const int BufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly int _maxMessageSize;
    private byte[] _buffer;
    private byte[]? _large;
    private int _start;
    private int _end;

    public StreamFrameReader(Stream stream, int maxMessageSize)
    {
        _stream = stream;
        _maxMessageSize = maxMessageSize;
        _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    }

    /// <summary>Reads the next frame; <see langword="false"/> at a clean end of stream.</summary>
    public async ValueTask<(bool Found, bool Compressed, ReadOnlyMemory<byte> Payload)> ReadAsync(CancellationToken cancellationToken)
    {
        ReturnLarge();
        if (!await FillAsync(GrpcProtocol.HeaderSize, cancellationToken).ConfigureAwait(false))
        {
            if (_end == _start)
            {
                return (false, false, default);
            }

            throw new GrpcException(GrpcStatusCode.Internal, "Incomplete message: the stream ended inside a message header.");
        }

        var flag = _buffer[_start];
        if (flag > 1)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"Malformed message: compression flag {flag} is neither 0 nor 1.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 1, 4));
        if (length > (uint)_maxMessageSize)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > {_maxMessageSize} bytes).");
        }

        _start += GrpcProtocol.HeaderSize;
        var size = (int)length;
        if (size <= _buffer.Length)
        {
            if (!await FillAsync(size, cancellationToken).ConfigureAwait(false))
            {
                throw Incomplete(size);
            }

            var payload = new ReadOnlyMemory<byte>(_buffer, _start, size);
            _start += size;
            return (true, flag == 1, payload);
        }

        // Larger than the read-ahead buffer: gather it in a buffer of its own.
        _large = ArrayPool<byte>.Shared.Rent(size);
        var have = _end - _start;
        Buffer.BlockCopy(_buffer, _start, _large, 0, have);
        _start = _end = 0;
        while (have < size)
        {
            var n = await _stream.ReadAsync(_large.AsMemory(have, size - have), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw Incomplete(size);
            }

            have += n;
        }

        return (true, flag == 1, new ReadOnlyMemory<byte>(_large, 0, size));
    }

    private static GrpcException Incomplete(int size) =>
        new(GrpcStatusCode.Internal, $"Incomplete message: the stream ended before all {size} bytes of a message arrived.");

    /// <summary>Ensures at least <paramref name="count"/> unread bytes are buffered; false if the stream ended first.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_buffer.Length - _start < count)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end - _start < count)
        {
            var n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            _end += n;
        }

        return true;
    }

    private void ReturnLarge()
    {
        if (_large is not null)
        {
            ArrayPool<byte>.Shared.Return(_large);
            _large = null;
        }
    }

    public void Dispose()
    {
        ReturnLarge();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = Array.Empty<byte>();
        }
    }
}
