using System.Buffers;
using System.Buffers.Binary;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using GrpcException = Grpc.Core.RpcException;
using GrpcStatus = Grpc.Core.Status;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>
/// One gRPC call on an HTTP/2 stream: the request messages reassembled from DATA frames (on the connection's reader
/// thread) and the response side (headers, messages, trailers) written through the connection.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The semaphore never allocates a wait handle and the token source has no timer; the handler may hold the token after the stream ends, so both are left to the GC.")]
internal sealed class Http2Stream : IMessageWriter
{
    private readonly Http2Connection _connection;
    private readonly CancellationTokenSource _aborted = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly int _maxMessageSize;
    private readonly string? _encoding;

    // Reassembly of a request message that spans DATA frames (reader thread only).
    private readonly byte[] _prefix = new byte[GrpcWire.HeaderSize];
    private int _prefixLength;
    private byte[]? _message;
    private int _messageFilled;

    public Http2Stream(Http2Connection connection, int id, int sendWindow, int receiveWindow, int maxMessageSize, string? encoding)
    {
        _connection = connection;
        Id = id;
        SendWindow = sendWindow;
        ReceiveWindow = receiveWindow;
        _maxMessageSize = maxMessageSize;
        _encoding = encoding;
    }

    public int Id { get; }

    public RequestQueue<ChaincodeMessage> Requests { get; } = new();

    /// <summary>Cancelled when the peer resets the stream or the connection ends.</summary>
    public CancellationToken Aborted => _aborted.Token;

    // Flow-control and state fields below are guarded by the connection's write lock.
    public int SendWindow { get; set; }

    public bool HeadersSent { get; set; }

    public bool Closed { get; set; }

    // Reader thread only.
    public int ReceiveWindow { get; set; }

    public int UnacknowledgedBytes { get; set; }

    public bool RequestEnded { get; set; }

    /// <summary>A status the server decided on while reading (a malformed or oversized message); it overrides the handler's.</summary>
    public GrpcStatus? FailedWith { get; private set; }

    /// <summary>Appends request bytes from a DATA frame, delivering each message as soon as it is whole (reader thread).</summary>
    public void OnData(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0 && FailedWith is null)
        {
            if (_message is null)
            {
                // The common case, a whole message inside one frame, is parsed in place without a copy.
                if (_prefixLength == 0 && data.Length >= GrpcWire.HeaderSize)
                {
                    var length = ReadLength(data);
                    if (length < 0)
                    {
                        return;
                    }

                    if (data.Length - GrpcWire.HeaderSize >= length)
                    {
                        Deliver(data[0] != 0, data.Slice(GrpcWire.HeaderSize, length));
                        data = data[(GrpcWire.HeaderSize + length)..];
                        continue;
                    }
                }

                var take = Math.Min(GrpcWire.HeaderSize - _prefixLength, data.Length);
                data[..take].CopyTo(_prefix.AsSpan(_prefixLength));
                _prefixLength += take;
                data = data[take..];
                if (_prefixLength < GrpcWire.HeaderSize)
                {
                    return;
                }

                var size = ReadLength(_prefix);
                if (size < 0)
                {
                    return;
                }

                if (size == 0)
                {
                    _prefixLength = 0;
                    Deliver(_prefix[0] != 0, ReadOnlySpan<byte>.Empty);
                    continue;
                }

                _message = new byte[size];
                _messageFilled = 0;
            }
            else
            {
                var take = Math.Min(_message.Length - _messageFilled, data.Length);
                data[..take].CopyTo(_message.AsSpan(_messageFilled));
                _messageFilled += take;
                data = data[take..];
                if (_messageFilled == _message.Length)
                {
                    var whole = _message;
                    _message = null;
                    _prefixLength = 0;
                    Deliver(_prefix[0] != 0, whole);
                }
            }
        }
    }

    /// <summary>The peer half-closed the stream (END_STREAM).</summary>
    public void OnRequestEnded()
    {
        RequestEnded = true;
        if (FailedWith is null && (_message is not null || _prefixLength > 0))
        {
            Fail(new GrpcStatus(GrpcStatusCode.Internal, "The request stream ended in the middle of a message."));
            return;
        }

        Requests.Complete();
    }

    /// <summary>The stream is gone (reset by the peer, or the connection ended): the handler's reads and writes fail.</summary>
    public void Abort(string reason)
    {
        // The token first: the consumer may resume inline from Complete, and must then see the call as aborted
        // (a clean end), not as a read that failed for no reason.
        try
        {
            _aborted.Cancel();
        }
        catch (AggregateException)
        {
            // A callback registered by the handler threw; the stream is aborted regardless.
        }

        Requests.Complete(new OperationCanceledException(reason));
    }

    public void AwaitingReplies(int delta) => _connection.AwaitingReplies(delta);

    public async Task WriteAsync(ChaincodeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var size = message.CalculateSize();
        if (size > _maxMessageSize)
        {
            throw new GrpcException(new GrpcStatus(GrpcStatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} > {_maxMessageSize} bytes)."));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(GrpcWire.HeaderSize + size);
        try
        {
            GrpcWire.WriteHeader(buffer, compressed: false, size);
            message.WriteTo(buffer.AsSpan(GrpcWire.HeaderSize, size));
            // One message at a time per stream, so frames of two messages never interleave.
            await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _connection.SendMessageAsync(this, buffer.AsMemory(0, GrpcWire.HeaderSize + size), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _writeGate.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private int ReadLength(ReadOnlySpan<byte> prefix)
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (length > (uint)_maxMessageSize)
        {
            Fail(new GrpcStatus(GrpcStatusCode.ResourceExhausted, $"Received message exceeds the maximum configured message size ({length} > {_maxMessageSize} bytes)."));
            return -1;
        }

        return (int)length;
    }

    private void Deliver(bool compressed, ReadOnlySpan<byte> bytes)
    {
        ChaincodeMessage message;
        try
        {
            if (compressed)
            {
                if (_encoding is null || _encoding == "identity")
                {
                    Fail(new GrpcStatus(GrpcStatusCode.Internal, "A request message is marked compressed, but the call declared no grpc-encoding."));
                    return;
                }

                bytes = GrpcWire.Decompress(bytes.ToArray(), _encoding, _maxMessageSize);
            }

            message = ChaincodeMessage.Parser.ParseFrom(bytes);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidDataException or GrpcException)
        {
            Fail(ex is GrpcException grpc ? grpc.Status : new GrpcStatus(GrpcStatusCode.Internal, $"A request message cannot be parsed: {ex.Message}"));
            return;
        }

        Requests.Add(message);
    }

    private void Fail(GrpcStatus status)
    {
        FailedWith = status;
        _message = null;
        Requests.Complete(new GrpcException(status));
    }
}
