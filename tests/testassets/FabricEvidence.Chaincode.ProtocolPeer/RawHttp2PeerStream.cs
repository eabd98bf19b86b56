using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

using FabricEvidence.Protocol.Peer;
using Google.Protobuf;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>What a <see cref="TestPeer"/> needs from its Connect stream.</summary>
internal interface IPeerStream : IAsyncDisposable
{
    Task SendAsync(ChaincodeMessage message, CancellationToken cancellationToken = default);

    Task<ChaincodeMessage?> ReceiveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default);

    IAsyncEnumerable<ChaincodeMessage> ReadRemainingAsync();

    Task CompleteAsync();
}

/// <summary>
/// A Connect stream over the smallest HTTP/2 client that can carry it: one plaintext (h2c) connection, one stream,
/// blocking socket I/O on the calling thread. It exists for benchmarks. A general-purpose client (ours on
/// SocketsHttpHandler, or grpc-js) moves every frame between a socket loop, a write queue and the reader through
/// thread-pool hops; at one transaction in flight those hops cost the driver about as much as the chaincode's whole
/// work, so the comparison would mostly measure the driver. A real peer is Go, whose per-message cost is far lower.
/// Here the peer's read loop owns the socket: it parses frames, answers requests and writes replies on one thread.
/// <para>
/// Deliberately partial: response header blocks are skipped, never decoded (so a failed call shows up only as the
/// stream ending), there is no TLS, and it speaks to one server at a time. Use <see cref="PeerStream"/> for tests.
/// </para>
/// </summary>
internal sealed class RawHttp2PeerStream : IPeerStream
{
    private const int StreamId = 1;
    private const int FrameHeaderSize = 9;
    private const int DefaultWindow = 65535;
    private const int MaxWindow = int.MaxValue;
    private const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8;
    private const byte EndStream = 0x1, Ack = 0x1, EndHeaders = 0x4;

    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    private readonly Socket _socket;
    private readonly BufferedStream _input;
    private readonly object _writeLock = new();
    private readonly Queue<ChaincodeMessage> _received = new();
    private readonly Queue<byte[]> _unsent = new();
    private int _unsentOffset;
    private byte[] _frame = new byte[16384];
    private byte[] _sendBuffer = new byte[FrameHeaderSize + 16384];
    private byte[] _pending = new byte[64 * 1024];
    private int _pendingLength;
    private long _connectionSendWindow = DefaultWindow;
    private long _streamSendWindow = DefaultWindow;
    private int _peerInitialWindow = DefaultWindow;
    private int _peerMaxFrameSize = 16384;
    private long _unacknowledged;
    private bool _ended;
    private bool _halfClosed;

    private RawHttp2PeerStream(Socket socket)
    {
        _socket = socket;
        _input = new BufferedStream(new NetworkStream(socket, ownsSocket: false), 64 * 1024);
    }

    /// <summary>Dials <paramref name="address"/> (<c>http://host:port</c>) and opens the Connect stream.</summary>
    public static async Task<RawHttp2PeerStream> OpenAsync(string address, CancellationToken cancellationToken)
    {
        var uri = new Uri(address);
        if (uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new NotSupportedException($"The raw HTTP/2 peer stream speaks plaintext HTTP/2 only; {address} needs TLS. Use the gRPC transport.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // A synchronous connect on purpose: on Unix, .NET switches a socket that has seen an async operation to
            // non-blocking mode and then emulates every synchronous call through its epoll thread.
            await Task.Yield();
            socket.Connect(new DnsEndPoint(uri.Host, uri.Port));
            var stream = new RawHttp2PeerStream(socket);
            stream.Start(uri.Authority);
            return stream;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Start(string authority)
    {
        using var start = new MemoryStream();
        start.Write(Preface);

        // SETTINGS: no server push, the largest stream window; then the largest connection window.
        Span<byte> settings = stackalloc byte[12];
        BinaryPrimitives.WriteUInt16BigEndian(settings, 0x2);
        BinaryPrimitives.WriteUInt32BigEndian(settings[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(settings[6..], 0x4);
        BinaryPrimitives.WriteUInt32BigEndian(settings[8..], MaxWindow);
        WriteFrame(start, Settings, 0, 0, settings);
        Span<byte> increment = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(increment, MaxWindow - DefaultWindow);
        WriteFrame(start, WindowUpdate, 0, 0, increment);

        // HEADERS: literal fields without indexing and without Huffman coding, the simplest valid HPACK.
        using var block = new MemoryStream();
        foreach (var (name, value) in new[]
        {
            (":method", "POST"), (":scheme", "http"), (":path", "/protos.Chaincode/Connect"), (":authority", authority),
            ("content-type", "application/grpc"), ("te", "trailers"),
        })
        {
            block.WriteByte(0);
            WriteHpackString(block, name);
            WriteHpackString(block, value);
        }

        WriteFrame(start, Headers, EndHeaders, StreamId, block.ToArray());
        lock (_writeLock)
        {
            _socket.Send(start.ToArray());
        }
    }

    public Task SendAsync(ChaincodeMessage message, CancellationToken cancellationToken = default)
    {
        var size = message.CalculateSize();
        // gRPC's length-prefixed message: a compression flag (0) and the length, big-endian.
        var grpc = new byte[5 + size];
        BinaryPrimitives.WriteUInt32BigEndian(grpc.AsSpan(1, 4), (uint)size);
        message.WriteTo(grpc.AsSpan(5));
        lock (_writeLock)
        {
            if (_halfClosed || _ended)
            {
                throw new InvalidOperationException("The stream has ended; nothing more can be sent.");
            }

            // Never blocks: what the chaincode's flow-control windows do not admit yet waits in _unsent until its
            // WINDOW_UPDATE arrives (the read loop, which may be the caller, sends it then).
            _unsent.Enqueue(grpc);
            FlushUnsent();
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends as much of the queued messages as the windows admit. Called under the write lock.</summary>
    private void FlushUnsent()
    {
        while (_unsent.TryPeek(out var next))
        {
            var window = Math.Min(_connectionSendWindow, _streamSendWindow);
            if (window <= 0)
            {
                return;
            }

            var chunk = (int)Math.Min(Math.Min(next.Length - _unsentOffset, _peerMaxFrameSize), window);
            SendFrameLocked(Data, 0, StreamId, next.AsSpan(_unsentOffset, chunk));
            _connectionSendWindow -= chunk;
            _streamSendWindow -= chunk;
            _unsentOffset += chunk;
            if (_unsentOffset == next.Length)
            {
                _unsent.Dequeue();
                _unsentOffset = 0;
            }
        }
    }

    public Task<ChaincodeMessage?> ReceiveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        _socket.ReceiveTimeout = (int)(timeout ?? TimeSpan.FromSeconds(30)).TotalMilliseconds;
        try
        {
            return Task.FromResult(ReadMessage());
        }
        catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.TimedOut })
        {
            throw new TimeoutException("The chaincode sent nothing in time.", ex);
        }
        finally
        {
            _socket.ReceiveTimeout = 0;
        }
    }

    public async IAsyncEnumerable<ChaincodeMessage> ReadRemainingAsync()
    {
        await Task.Yield();
        while (ReadMessage() is { } message)
        {
            yield return message;
        }
    }

    public Task CompleteAsync()
    {
        lock (_writeLock)
        {
            if (!_halfClosed)
            {
                _halfClosed = true;
                SendFrameLocked(Data, EndStream, StreamId, []);
            }
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        lock (_writeLock)
        {
            _ended = true;
        }

        _socket.Dispose();
        _input.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads frames until a whole message of the stream is in; <see langword="null"/> when the chaincode ended the stream.</summary>
    private ChaincodeMessage? ReadMessage()
    {
        while (true)
        {
            if (_received.TryDequeue(out var ready))
            {
                return ready;
            }

            if (_ended)
            {
                return null;
            }

            ReadFrame();
        }
    }

    private void ReadFrame()
    {
        Span<byte> header = stackalloc byte[FrameHeaderSize];
        if (!TryFill(header))
        {
            _ended = true;
            return;
        }

        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        var type = header[3];
        var flags = header[4];
        var streamId = (int)(BinaryPrimitives.ReadUInt32BigEndian(header[5..]) & 0x7FFFFFFF);
        if (_frame.Length < length)
        {
            _frame = new byte[length];
        }

        var payload = _frame.AsSpan(0, length);
        if (!TryFill(payload))
        {
            _ended = true;
            return;
        }

        switch (type)
        {
            case Data when streamId == StreamId:
                OnData(flags, payload);
                break;
            case Headers when streamId == StreamId:
                // Response headers or trailers; their content does not matter here (see the class comment).
                _ended |= (flags & EndStream) != 0;
                break;
            case RstStream when streamId == StreamId:
            case GoAway:
                _ended = true;
                break;
            case Settings when (flags & Ack) == 0:
                OnSettings(payload);
                break;
            case Ping when (flags & Ack) == 0:
                Send(Ping, Ack, 0, payload);
                break;
            case WindowUpdate:
                OnWindowUpdate(streamId, BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF);
                break;
        }
    }

    private void OnData(byte flags, ReadOnlySpan<byte> payload)
    {
        if (_pending.Length - _pendingLength < payload.Length)
        {
            Array.Resize(ref _pending, Math.Max(_pending.Length * 2, _pendingLength + payload.Length));
        }

        payload.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += payload.Length;
        var consumed = 0;
        while (_pendingLength - consumed >= 5)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(_pending.AsSpan(consumed + 1));
            if (_pendingLength - consumed - 5 < size)
            {
                break;
            }

            _received.Enqueue(ChaincodeMessage.Parser.ParseFrom(_pending, consumed + 5, size));
            consumed += 5 + size;
        }

        if (consumed > 0)
        {
            _pending.AsSpan(consumed, _pendingLength - consumed).CopyTo(_pending);
            _pendingLength -= consumed;
        }

        // Our windows start at the maximum; top them up long before they could close.
        _unacknowledged += payload.Length;
        if (_unacknowledged > MaxWindow / 2)
        {
            Span<byte> increment = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(increment, (uint)_unacknowledged);
            _unacknowledged = 0;
            Send(WindowUpdate, 0, 0, increment);
            Send(WindowUpdate, 0, StreamId, increment);
        }

        _ended |= (flags & EndStream) != 0;
    }

    private void OnSettings(ReadOnlySpan<byte> payload)
    {
        lock (_writeLock)
        {
            for (var i = 0; i + 6 <= payload.Length; i += 6)
            {
                var id = BinaryPrimitives.ReadUInt16BigEndian(payload[i..]);
                var value = BinaryPrimitives.ReadUInt32BigEndian(payload[(i + 2)..]);
                if (id == 0x4)
                {
                    _streamSendWindow += (long)value - _peerInitialWindow;
                    _peerInitialWindow = (int)value;
                }
                else if (id == 0x5)
                {
                    _peerMaxFrameSize = (int)value;
                }
            }

            FlushUnsent();
        }

        Send(Settings, Ack, 0, []);
    }

    private void OnWindowUpdate(int streamId, uint increment)
    {
        lock (_writeLock)
        {
            if (streamId == 0)
            {
                _connectionSendWindow += increment;
            }
            else if (streamId == StreamId)
            {
                _streamSendWindow += increment;
            }

            FlushUnsent();
        }
    }

    private void Send(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        lock (_writeLock)
        {
            SendFrameLocked(type, flags, streamId, payload);
        }
    }

    /// <summary>Writes one frame into the reusable send buffer and sends it; called under the write lock.</summary>
    private void SendFrameLocked(byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        if (_sendBuffer.Length < FrameHeaderSize + payload.Length)
        {
            _sendBuffer = new byte[FrameHeaderSize + payload.Length];
        }

        var frame = _sendBuffer.AsSpan(0, FrameHeaderSize + payload.Length);
        WriteFrameHeader(frame, type, flags, streamId, payload.Length);
        payload.CopyTo(frame[FrameHeaderSize..]);
        _socket.Send(frame);
    }

    private bool TryFill(Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = _input.Read(buffer[read..]);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private static void WriteFrame(Stream output, byte type, byte flags, int streamId, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[FrameHeaderSize];
        WriteFrameHeader(header, type, flags, streamId, payload.Length);
        output.Write(header);
        output.Write(payload);
    }

    private static void WriteFrameHeader(Span<byte> header, byte type, byte flags, int streamId, int length)
    {
        header[0] = (byte)(length >> 16);
        header[1] = (byte)(length >> 8);
        header[2] = (byte)length;
        header[3] = type;
        header[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(header[5..], (uint)streamId);
    }

    private static void WriteHpackString(Stream output, string text)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        if (bytes.Length >= 127)
        {
            throw new ArgumentException($"Header text longer than this client encodes: {text}", nameof(text));
        }

        output.WriteByte((byte)bytes.Length);
        output.Write(bytes);
    }
}
