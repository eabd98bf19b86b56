using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using FabricEvidence.Protocol.Internal;
using Google.Protobuf;

namespace FabricEvidence.Protocol.Server.Internal;

/// <summary>Reads length-prefixed request messages straight from Kestrel's request pipe, parsing without copies.</summary>
internal sealed class PipeMessageReader<T>
{
    private readonly PipeReader _reader;
    private readonly GrpcMarshaller<T> _marshaller;
    private readonly int _maxSize;
    private readonly string? _encoding;

    public PipeMessageReader(PipeReader reader, GrpcMarshaller<T> marshaller, int maxSize, string? encoding)
    {
        _reader = reader;
        _marshaller = marshaller;
        _maxSize = maxSize;
        _encoding = encoding;
    }

    /// <summary>The next message, or <c>(false, default)</c> when the client has half-closed its stream.</summary>
    public async ValueTask<(bool Found, T Message)> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (TryReadFrame(buffer, out var compressed, out var payload, out var consumed))
            {
                T message;
                try
                {
                    message = Decode(compressed, payload);
                }
                finally
                {
                    _reader.AdvanceTo(consumed);
                }

                return (true, message);
            }

            if (result.IsCompleted)
            {
                var remaining = buffer.Length;
                _reader.AdvanceTo(buffer.End);
                if (remaining == 0)
                {
                    return (false, default!);
                }

                throw new GrpcException(GrpcStatusCode.Internal, $"Incomplete message: the request stream ended with {remaining} bytes of an unfinished message.");
            }

            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            // Mark everything examined so Kestrel reads (and credits flow control for) more of a large message.
            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private bool TryReadFrame(ReadOnlySequence<byte> buffer, out bool compressed, out ReadOnlySequence<byte> payload, out SequencePosition consumed)
    {
        compressed = false;
        payload = default;
        consumed = buffer.Start;
        if (buffer.Length < GrpcProtocol.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        if (header[0] > 1)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"Malformed message: compression flag {header[0]} is neither 0 nor 1.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)_maxSize)
        {
            throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > {_maxSize} bytes).");
        }

        if (buffer.Length < GrpcProtocol.HeaderSize + length)
        {
            return false;
        }

        compressed = header[0] == 1;
        payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
        consumed = payload.End;
        return true;
    }

    private T Decode(bool compressed, ReadOnlySequence<byte> payload)
    {
        if (compressed)
        {
            if (_encoding is null or "" or "identity")
            {
                throw new GrpcException(GrpcStatusCode.Internal, "Malformed message: the compressed flag is set but the request has no grpc-encoding.");
            }

            payload = new ReadOnlySequence<byte>(GrpcProtocol.Decompress(payload, _encoding, _maxSize));
        }

        try
        {
            return _marshaller.Read(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GrpcException(new GrpcStatus(GrpcStatusCode.Internal, $"Failed to deserialize request message: {ex.Message}"), null, ex);
        }
    }
}
