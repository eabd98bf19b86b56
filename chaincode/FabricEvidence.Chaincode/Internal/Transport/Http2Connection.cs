using System.Buffers.Binary;
using System.Globalization;
using System.Net.Sockets;
using FabricEvidence.Protocol.Peer;
using Microsoft.Extensions.Logging;
using GrpcException = Grpc.Core.RpcException;
using GrpcStatus = Grpc.Core.Status;
using GrpcStatusCode = Grpc.Core.StatusCode;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>Serves one gRPC call: the requests, the response writer, the peer's address and the call's abort token.</summary>
internal delegate Task ConnectHandler(IAsyncEnumerable<ChaincodeMessage> requests, IMessageWriter responses, string peer, CancellationToken aborted);

/// <summary>What every connection of one listener shares.</summary>
internal sealed record Http2ServerSettings(
    string Path,
    ConnectHandler Handler,
    int MaxMessageSize,
    TimeSpan KeepAliveInterval,
    TimeSpan KeepAliveTimeout,
    int MaxConcurrentStreams,
    TimeSpan ReplyPollLimit,
    ILogger Logger);

/// <summary>
/// The server side of one HTTP/2 connection carrying gRPC calls (RFC 9113, gRPC over HTTP/2).
/// </summary>
/// <remarks>
/// <para>
/// A dedicated thread reads the connection with blocking reads and handles every frame itself, and writers send
/// with blocking writes under one lock. Nothing hops between threads on the way in or out: at one transaction in
/// flight a chaincode's latency is mostly these hops, which Kestrel's pipelines add several of per message. Request
/// messages are parsed on the reader thread and handed to the call's consumer (see <see cref="RequestQueue{T}"/>).
/// </para>
/// <para>
/// Flow control: the server grants large windows (8 MiB per stream, 16 MiB per connection) and tops them up as data
/// arrives, since messages are consumed as soon as they are whole; sends wait for the peer's windows.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The keep-alive timer is disposed by Close, which every way out of Run calls.")]
internal sealed partial class Http2Connection
{
    private const int StreamWindow = 8 * 1024 * 1024;
    private const int ConnectionWindow = 16 * 1024 * 1024;
    private const int MaxHeaderListSize = 64 * 1024;
    private const int ReadBufferSize = 64 * 1024;
    private const int WriteBufferKeep = 64 * 1024;
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly Stream _io;
    private readonly Http2ServerSettings _settings;
    private readonly ILogger _logger;
    private readonly HpackDecoder _decoder = new(maxHeaderListSize: MaxHeaderListSize);
    private readonly Dictionary<int, Http2Stream> _streams = new();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guarded by _writeLock: the socket's writing side and the send windows.
    private readonly object _writeLock = new();
    private readonly ByteBuffer _out = new(16 * 1024);
    private int _connectionSendWindow = Http2.DefaultWindowSize;
    private int _peerInitialWindow = Http2.DefaultWindowSize;
    private int _peerMaxFrameSize = Http2.DefaultMaxFrameSize;
    private TaskCompletionSource _windowChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closed;
    private bool _finished;
    private Timer? _linger;

    // Reader thread only.
    private readonly byte[] _in = new byte[ReadBufferSize];
    private readonly List<KeyValuePair<string, string>> _headers = new();
    private int _inStart;
    private int _inEnd;
    private int _lastStreamId;
    private int _connectionReceiveUnacknowledged;
    private int _connectionReceiveWindow = ConnectionWindow;
    private ByteBuffer? _headerBlock;
    private int _headerBlockStream;
    private bool _headerBlockEndsStream;
    private readonly ReplyPoll _replyPoll;

    // Requests the chaincode sent and awaits replies to (any thread; see AwaitingReplies).
    private int _awaitedReplies;

    // The reading role (see InlineContinuations): taken while a thread reads, free while it runs chaincode work.
    private const int ReaderTaken = 0;
    private const int ReaderFree = 1;
    private int _readerState = ReaderTaken;
    private long _readerFreedAt;

    // Shutdown and keep-alive.
    private volatile bool _goingAway;
    private long _lastReceived = Environment.TickCount64;
    private long _pingSentAt;
    private Timer? _keepAlive;

    public Http2Connection(Socket socket, Stream io, string peer, Http2ServerSettings settings)
    {
        _socket = socket;
        _io = io;
        Peer = peer;
        _settings = settings;
        _logger = settings.Logger;
        _replyPoll = new ReplyPoll(settings.ReplyPollLimit);
    }

    /// <summary>The peer's address, <c>ip:port</c>.</summary>
    public string Peer { get; }

    /// <summary>Completes when the connection has closed.</summary>
    public Task Completion => _completed.Task;

    /// <summary>How often the reader polled for awaited replies, and how often that found one (diagnostics and tests).</summary>
    public (long Polls, long Hits) ReplyPolls => (_replyPoll.Polls, _replyPoll.Hits);

    /// <summary>Adds <paramref name="delta"/> to the requests whose replies the chaincode awaits on this connection.</summary>
    public void AwaitingReplies(int delta) => Interlocked.Add(ref _awaitedReplies, delta);

    /// <summary>Serves the connection on the calling thread until it closes (or another thread takes over the reading).</summary>
    public void Run()
    {
        ReaderWatchdog.Register(this);
        ReadLoop(handshake: true);
    }

    /// <summary>
    /// Called by <see cref="ReaderWatchdog"/>: when the reader thread has been running chaincode work for longer than
    /// <paramref name="threshold"/>, a new thread takes over the reading.
    /// </summary>
    public void RescueIfStalled(long now, long threshold)
    {
        if (_closed || Volatile.Read(ref _readerState) != ReaderFree || now - Volatile.Read(ref _readerFreedAt) < threshold)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _readerState, ReaderTaken, ReaderFree) == ReaderFree)
        {
            LogReaderRescued(_logger, Peer, InlineContinuations.RescueDelay);
            new Thread(static state => ((Http2Connection)state!).ReadLoop(handshake: false)) { IsBackground = true, Name = "chaincode-connection" }.Start(this);
        }
    }

    /// <summary>
    /// Reads and handles frames, and runs the work they make runnable (see <see cref="InlineContinuations"/>), until the
    /// connection ends, or until this thread's work ran long and another thread took over the reading.
    /// </summary>
    private void ReadLoop(bool handshake)
    {
        var slot = new InlineContinuations.Slot();
        var handedOver = false;
        try
        {
            if (handshake)
            {
                ReadPreface();
                SendInitialSettings();
                StartKeepAlive();
            }

            InlineContinuations.Current = slot;
            while (ReadFrame())
            {
                if (slot.Work is { } work)
                {
                    var state = slot.State;
                    slot.Work = null;
                    slot.State = null;
                    if (!RunInline(work, state))
                    {
                        handedOver = true;
                        return;
                    }
                }
            }

            LogConnectionClosed(_logger, Peer);
        }
        catch (Http2ConnectionException ex)
        {
            LogProtocolError(_logger, Peer, ex.Code, ex.Message);
            TrySendGoAway(ex.Code, ex.Message);
        }
        catch (HpackException ex)
        {
            LogProtocolError(_logger, Peer, Http2ErrorCode.CompressionError, ex.Message);
            TrySendGoAway(Http2ErrorCode.CompressionError, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            if (!_closed)
            {
                LogConnectionLost(_logger, Peer, ex.Message);
            }
        }
        finally
        {
            InlineContinuations.Current = null;
            if (!handedOver)
            {
                EndConnection();
            }
        }
    }

    /// <summary>
    /// Runs deferred work with the reader role released, then takes the role back; <see langword="false"/> when the
    /// watchdog gave it to another thread meanwhile (this thread must then stop reading).
    /// </summary>
    private bool RunInline(Action<object?> work, object? state)
    {
        Volatile.Write(ref _readerFreedAt, System.Diagnostics.Stopwatch.GetTimestamp());
        Volatile.Write(ref _readerState, ReaderFree);
        ReaderWatchdog.Activity();
        var slot = InlineContinuations.Current;
        InlineContinuations.Current = null;
        try
        {
            work(state);
        }
        catch (Exception ex)
        {
            // The work items are async methods' first steps, which keep their exceptions in their tasks; this is a bug.
            LogInlineWorkFailed(_logger, ex, Peer);
        }
        finally
        {
            InlineContinuations.Current = slot;
        }

        return Interlocked.CompareExchange(ref _readerState, ReaderTaken, ReaderFree) == ReaderFree;
    }

    private void EndConnection()
    {
        ReaderWatchdog.Unregister(this);
        Close();
        if (_replyPoll.Polls > 0)
        {
            // Tells an operator whether the reply poll pays off with this peer (ReplyPollLimit).
            LogReplyPolls(_logger, Peer, _replyPoll.Polls, _replyPoll.Hits, _replyPoll.BackedOff ? "had stopped because most polls missed" : "was on");
        }

        Http2Stream[] streams;
        lock (_streams)
        {
            streams = _streams.Values.ToArray();
            _streams.Clear();
        }

        foreach (var stream in streams)
        {
            stream.Abort("The connection to the peer has closed.");
        }

        _completed.TrySetResult();
    }

    /// <summary>
    /// Starts a graceful shutdown: GOAWAY tells the peer no new calls are accepted; the connection closes once the
    /// calls in progress have ended.
    /// </summary>
    public void BeginShutdown()
    {
        _goingAway = true;
        // RFC 9113 §6.8: first a GOAWAY naming the largest possible stream, so a stream the peer is opening right now
        // is not lost; the final GOAWAY, with the real last stream, goes out when the connection closes.
        TrySendGoAway(Http2ErrorCode.NoError, "The chaincode server is shutting down.", int.MaxValue);
        CloseIfIdle();
    }

    /// <summary>Closes the socket; the reader thread sees it and ends every call.</summary>
    public void Close()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _keepAlive?.Dispose();
        _linger?.Dispose();
        lock (_writeLock)
        {
            _windowChanged.TrySetResult();
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        _io.Dispose();
    }

    /// <summary>Sends one framed gRPC message on <paramref name="stream"/>, waiting for flow-control window as needed.</summary>
    public async Task SendMessageAsync(Http2Stream stream, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task windowChanged;
            lock (_writeLock)
            {
                ThrowIfUnwritable(stream);
                if (!stream.HeadersSent)
                {
                    AppendResponseHeaders(stream, endStream: false, status: null);
                    stream.HeadersSent = true;
                }

                var sent = AppendData(stream, message.Span);
                message = message[sent..];
                Flush();
                if (message.IsEmpty)
                {
                    return;
                }

                windowChanged = _windowChanged.Task;
            }

            await windowChanged.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the call: trailers with the status (or trailers-only), and RST_STREAM if the peer is still sending.</summary>
    public void CompleteStream(Http2Stream stream, GrpcStatus status)
    {
        lock (_writeLock)
        {
            if (!_closed && !_finished && !stream.Closed)
            {
                stream.Closed = true;
                AppendResponseHeaders(stream, endStream: true, status: status);
                if (!stream.RequestEnded)
                {
                    // gRPC: once the server has sent its status, the client's remaining messages are of no use.
                    AppendRstStream(stream.Id, Http2ErrorCode.NoError);
                }

                try
                {
                    Flush();
                }
                catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
                {
                    // The connection is gone; the reader thread ends the other calls.
                }
            }
        }

        RemoveStream(stream);
    }

    private void ThrowIfUnwritable(Http2Stream stream)
    {
        if (_closed || _finished)
        {
            throw new IOException("The connection to the peer has closed.");
        }

        if (stream.Closed)
        {
            throw new InvalidOperationException("The call has completed or was reset by the peer; no more responses can be written.");
        }
    }

    private int AppendData(Http2Stream stream, ReadOnlySpan<byte> data)
    {
        var sent = 0;
        while (sent < data.Length)
        {
            var size = Math.Min(Math.Min(data.Length - sent, _peerMaxFrameSize), Math.Min(_connectionSendWindow, stream.SendWindow));
            if (size <= 0)
            {
                break;
            }

            var frame = _out.BeginFrame();
            _out.Append(data.Slice(sent, size));
            _out.CompleteFrame(frame, FrameType.Data, FrameFlags.None, stream.Id);
            sent += size;
            _connectionSendWindow -= size;
            stream.SendWindow -= size;
        }

        return sent;
    }

    /// <summary>Response headers, trailers, or both at once ("trailers-only") when no message was sent before the status.</summary>
    private void AppendResponseHeaders(Http2Stream stream, bool endStream, GrpcStatus? status)
    {
        var frame = _out.BeginFrame();
        if (!stream.HeadersSent)
        {
            _out.Append(0x88); // :status 200, static table index 8.
            Http2.WriteLiteralHeader(_out, "content-type", GrpcWire.ContentType);
            Http2.WriteLiteralHeader(_out, GrpcWire.AcceptEncodingHeader, GrpcWire.SupportedEncodings);
        }

        if (status is { } s)
        {
            Http2.WriteLiteralHeader(_out, GrpcWire.StatusHeader, ((int)s.StatusCode).ToString(CultureInfo.InvariantCulture));
            if (s.Detail.Length > 0)
            {
                // One frame holds the whole block (no CONTINUATION), so an extremely long message is cut.
                var detail = GrpcWire.EncodeMessage(s.Detail);
                Http2.WriteLiteralHeader(_out, GrpcWire.MessageHeader, detail.Length > 8192 ? detail[..8192] : detail);
            }
        }

        _out.CompleteFrame(frame, FrameType.Headers, endStream ? FrameFlags.EndHeaders | FrameFlags.EndStream : FrameFlags.EndHeaders, stream.Id);
    }

    private void AppendRstStream(int streamId, Http2ErrorCode code)
    {
        var frame = _out.BeginFrame();
        BinaryPrimitives.WriteUInt32BigEndian(_out.GetSpan(4), (uint)code);
        _out.Advance(4);
        _out.CompleteFrame(frame, FrameType.RstStream, FrameFlags.None, streamId);
    }

    private void AppendWindowUpdate(int streamId, int increment)
    {
        var frame = _out.BeginFrame();
        BinaryPrimitives.WriteInt32BigEndian(_out.GetSpan(4), increment);
        _out.Advance(4);
        _out.CompleteFrame(frame, FrameType.WindowUpdate, FrameFlags.None, streamId);
    }

    /// <summary>Writes what is buffered in one write (caller holds the write lock).</summary>
    private void Flush()
    {
        if (_out.Length == 0)
        {
            return;
        }

        try
        {
            _io.Write(_out.Written);
        }
        finally
        {
            _out.Reset(WriteBufferKeep);
        }
    }

    /// <summary>Writes control frames built by <paramref name="append"/>; quietly nothing once the connection is closed.</summary>
    private void SendControl<TState>(TState state, Action<Http2Connection, TState> append)
    {
        lock (_writeLock)
        {
            if (_closed)
            {
                return;
            }

            append(this, state);
            Flush();
        }
    }

    private void TrySendGoAway(Http2ErrorCode code, string message, int? lastStreamId = null)
    {
        try
        {
            SendControl((code, message, lastStreamId), static (c, s) =>
            {
                var frame = c._out.BeginFrame();
                var span = c._out.GetSpan(8);
                BinaryPrimitives.WriteInt32BigEndian(span, s.lastStreamId ?? Volatile.Read(ref c._lastStreamId));
                BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)s.code);
                c._out.Advance(8);
                var debug = System.Text.Encoding.UTF8.GetBytes(s.message);
                c._out.Append(debug.AsSpan(0, Math.Min(debug.Length, 1024)));
                c._out.CompleteFrame(frame, FrameType.GoAway, FrameFlags.None, 0);
            });
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // The peer is gone; there is nobody to tell.
        }
    }

    // ---- Reading (reader thread) ----

    private void ReadPreface()
    {
        var preface = Http2.ClientPreface;
        if (!Fill(preface.Length))
        {
            throw new IOException("The peer closed the connection before sending the HTTP/2 preface.");
        }

        if (!_in.AsSpan(_inStart, preface.Length).SequenceEqual(preface))
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError,
                "The client did not send the HTTP/2 connection preface. A chaincode server speaks gRPC over HTTP/2 only (is the peer using TLS against a plaintext server, or HTTP/1.1?).");
        }

        _inStart += preface.Length;
    }

    private void SendInitialSettings() => SendControl(this, static (c, _) =>
    {
        var frame = c._out.BeginFrame();
        AppendSetting(c._out, SettingId.MaxConcurrentStreams, (uint)c._settings.MaxConcurrentStreams);
        AppendSetting(c._out, SettingId.InitialWindowSize, StreamWindow);
        AppendSetting(c._out, SettingId.MaxHeaderListSize, MaxHeaderListSize);
        c._out.CompleteFrame(frame, FrameType.Settings, FrameFlags.None, 0);
        c.AppendWindowUpdate(0, ConnectionWindow - Http2.DefaultWindowSize);
    });

    private static void AppendSetting(ByteBuffer buffer, SettingId id, uint value)
    {
        var span = buffer.GetSpan(6);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)id);
        BinaryPrimitives.WriteUInt32BigEndian(span[2..], value);
        buffer.Advance(6);
    }

    /// <summary>Reads and handles one frame; <see langword="false"/> at the end of the connection.</summary>
    private bool ReadFrame()
    {
        if (!Fill(Http2.FrameHeaderSize))
        {
            return false;
        }

        var header = _in.AsSpan(_inStart, Http2.FrameHeaderSize);
        var length = (header[0] << 16) | (header[1] << 8) | header[2];
        var type = (FrameType)header[3];
        var flags = (FrameFlags)header[4];
        var streamId = BinaryPrimitives.ReadInt32BigEndian(header[5..]) & int.MaxValue;
        if (length > Http2.DefaultMaxFrameSize)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"A {type} frame of {length} bytes exceeds the maximum frame size of {Http2.DefaultMaxFrameSize}.");
        }

        if (!Fill(Http2.FrameHeaderSize + length))
        {
            throw new IOException("The peer closed the connection in the middle of a frame.");
        }

        var payload = _in.AsSpan(_inStart + Http2.FrameHeaderSize, length);
        _inStart += Http2.FrameHeaderSize + length;
        Volatile.Write(ref _lastReceived, Environment.TickCount64);

        if (_headerBlock is not null && (type != FrameType.Continuation || streamId != _headerBlockStream))
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"Expected a CONTINUATION frame of stream {_headerBlockStream}, got {type} on stream {streamId}.");
        }

        switch (type)
        {
            case FrameType.Data:
                OnData(streamId, flags, payload);
                break;
            case FrameType.Headers:
                OnHeaders(streamId, flags, payload);
                break;
            case FrameType.Continuation:
                OnContinuation(streamId, flags, payload);
                break;
            case FrameType.Priority:
                RequireStream(type, streamId);
                RequireLength(type, length, 5);
                break;
            case FrameType.RstStream:
                RequireStream(type, streamId);
                RequireLength(type, length, 4);
                OnRstStream(streamId, (Http2ErrorCode)BinaryPrimitives.ReadUInt32BigEndian(payload));
                break;
            case FrameType.Settings:
                OnSettings(streamId, flags, payload);
                break;
            case FrameType.PushPromise:
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "A client must not send PUSH_PROMISE.");
            case FrameType.Ping:
                OnPing(streamId, flags, payload);
                break;
            case FrameType.GoAway:
                RequireConnection(type, streamId);
                _goingAway = true;
                break;
            case FrameType.WindowUpdate:
                RequireLength(type, length, 4);
                OnWindowUpdate(streamId, BinaryPrimitives.ReadInt32BigEndian(payload) & int.MaxValue);
                break;
            default:
                // Unknown frame types are ignored (RFC 9113 §4.1).
                break;
        }

        return true;
    }

    /// <summary>Ensures <paramref name="count"/> bytes are buffered from <see cref="_inStart"/>; <see langword="false"/> at a clean end of stream.</summary>
    private bool Fill(int count)
    {
        if (_inEnd - _inStart >= count)
        {
            return true;
        }

        if (_inStart > 0)
        {
            Buffer.BlockCopy(_in, _inStart, _in, 0, _inEnd - _inStart);
            _inEnd -= _inStart;
            _inStart = 0;
        }

        while (_inEnd < count)
        {
            if (Volatile.Read(ref _awaitedReplies) > 0)
            {
                // The peer owes a reply, which on the same host usually comes within microseconds: polling for it
                // first saves waking this thread's CPU from sleep (see ReplyPoll for when it stops).
                _replyPoll.Wait(static c => c.HasDataOrEnded(), this);
            }

            var read = _io.Read(_in, _inEnd, _in.Length - _inEnd);
            if (read == 0)
            {
                if (_inEnd == 0)
                {
                    return false;
                }

                throw new IOException("The peer closed the connection in the middle of a frame.");
            }

            _inEnd += read;
        }

        return true;
    }

    /// <summary>Whether a read would not block on the socket (data, or an end that the read will report).</summary>
    private bool HasDataOrEnded()
    {
        try
        {
            return _closed || _socket.Available > 0;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    private void OnData(int streamId, FrameFlags flags, ReadOnlySpan<byte> payload)
    {
        RequireStream(FrameType.Data, streamId);
        var flowControlled = payload.Length;
        var data = Unpad(FrameType.Data, flags, payload);

        _connectionReceiveWindow -= flowControlled;
        if (_connectionReceiveWindow < 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "The peer sent more data than the connection's flow-control window allows.");
        }

        _connectionReceiveUnacknowledged += flowControlled;
        var stream = FindStream(streamId);
        if (stream is null)
        {
            if (streamId > _lastStreamId)
            {
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"DATA on stream {streamId}, which was never opened.");
            }

            // A stream we already ended: data in flight is dropped, but the connection window is still returned.
            ReturnWindow(null);
            return;
        }

        if (stream.RequestEnded)
        {
            SendControl(streamId, static (c, id) => c.AppendRstStream(id, Http2ErrorCode.StreamClosed));
            return;
        }

        stream.ReceiveWindow -= flowControlled;
        if (stream.ReceiveWindow < 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, $"The peer sent more data on stream {streamId} than its flow-control window allows.");
        }

        stream.UnacknowledgedBytes += flowControlled;
        ReturnWindow(stream);
        stream.OnData(data);
        if ((flags & FrameFlags.EndStream) != 0)
        {
            stream.OnRequestEnded();
        }
    }

    /// <summary>Tops up the receive windows once half of one has been used; the data is already consumed.</summary>
    private void ReturnWindow(Http2Stream? stream)
    {
        var connection = _connectionReceiveUnacknowledged >= ConnectionWindow / 2 ? _connectionReceiveUnacknowledged : 0;
        var forStream = stream is not null && !stream.RequestEnded && stream.UnacknowledgedBytes >= StreamWindow / 2 ? stream.UnacknowledgedBytes : 0;
        if (connection == 0 && forStream == 0)
        {
            return;
        }

        if (connection > 0)
        {
            _connectionReceiveWindow += connection;
            _connectionReceiveUnacknowledged = 0;
        }

        if (forStream > 0)
        {
            stream!.ReceiveWindow += forStream;
            stream.UnacknowledgedBytes = 0;
        }

        SendControl((connection, forStream, id: stream?.Id ?? 0), static (c, s) =>
        {
            if (s.connection > 0)
            {
                c.AppendWindowUpdate(0, s.connection);
            }

            if (s.forStream > 0)
            {
                c.AppendWindowUpdate(s.id, s.forStream);
            }
        });
    }

    private void OnHeaders(int streamId, FrameFlags flags, ReadOnlySpan<byte> payload)
    {
        RequireStream(FrameType.Headers, streamId);
        var block = Unpad(FrameType.Headers, flags, payload);
        if ((flags & FrameFlags.Priority) != 0)
        {
            if (block.Length < 5)
            {
                throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, "A HEADERS frame is too short for its priority fields.");
            }

            block = block[5..];
        }

        var endStream = (flags & FrameFlags.EndStream) != 0;
        if ((flags & FrameFlags.EndHeaders) != 0)
        {
            OnHeaderBlock(streamId, block, endStream);
            return;
        }

        _headerBlock = new ByteBuffer(Math.Max(block.Length * 2, 256));
        _headerBlock.Append(block);
        _headerBlockStream = streamId;
        _headerBlockEndsStream = endStream;
    }

    private void OnContinuation(int streamId, FrameFlags flags, ReadOnlySpan<byte> payload)
    {
        if (_headerBlock is null)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"CONTINUATION on stream {streamId} without a HEADERS frame before it.");
        }

        if (_headerBlock.Length + payload.Length > MaxHeaderListSize)
        {
            throw new Http2ConnectionException(Http2ErrorCode.EnhanceYourCalm, $"The header block of stream {streamId} exceeds {MaxHeaderListSize} bytes.");
        }

        _headerBlock.Append(payload);
        if ((flags & FrameFlags.EndHeaders) != 0)
        {
            var block = _headerBlock;
            _headerBlock = null;
            OnHeaderBlock(streamId, block.Written, _headerBlockEndsStream);
        }
    }

    private void OnHeaderBlock(int streamId, ReadOnlySpan<byte> block, bool endStream)
    {
        // Every block is decoded, even one that will be refused, to keep the HPACK table in step with the peer's.
        _headers.Clear();
        _decoder.Decode(block, _headers);

        var existing = FindStream(streamId);
        if (existing is not null)
        {
            // Request trailers: gRPC clients send none, but a header block ending the stream is legal.
            if (!endStream || existing.RequestEnded)
            {
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"Unexpected second header block on stream {streamId}.");
            }

            existing.OnRequestEnded();
            return;
        }

        if ((streamId & 1) == 0 || streamId <= _lastStreamId)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"Stream {streamId} cannot be opened by the client here (stream ids must be odd and increasing; the last was {_lastStreamId}).");
        }

        Volatile.Write(ref _lastStreamId, streamId);
        if (_goingAway || _closed)
        {
            SendControl(streamId, static (c, id) => c.AppendRstStream(id, Http2ErrorCode.RefusedStream));
            return;
        }

        int active;
        lock (_streams)
        {
            active = _streams.Count;
        }

        if (active >= _settings.MaxConcurrentStreams)
        {
            SendControl(streamId, static (c, id) => c.AppendRstStream(id, Http2ErrorCode.RefusedStream));
            return;
        }

        string? method = null, path = null, contentType = null, encoding = null, timeout = null;
        foreach (var (name, value) in _headers)
        {
            switch (name)
            {
                case ":method": method = value; break;
                case ":path": path = value; break;
                case "content-type": contentType = value; break;
                case GrpcWire.EncodingHeader: encoding = value; break;
                case GrpcWire.TimeoutHeader: timeout = value; break;
            }
        }

        var stream = new Http2Stream(this, streamId, Volatile.Read(ref _peerInitialWindow), StreamWindow, _settings.MaxMessageSize, encoding);
        lock (_streams)
        {
            _streams.Add(streamId, stream);
        }

        var rejection = Validate(method, path, contentType, encoding, timeout, out var deadline);
        if (endStream)
        {
            stream.OnRequestEnded();
        }

        if (rejection is { } rejected)
        {
            LogCallRejected(_logger, Peer, path ?? "(none)", rejected.Detail);
            CompleteStream(stream, rejected);
            return;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Item1.RunCallAsync(state.Item2, state.Item3), (this, stream, deadline), preferLocal: false);
    }

    private GrpcStatus? Validate(string? method, string? path, string? contentType, string? encoding, string? timeout, out TimeSpan? deadline)
    {
        deadline = null;
        if (method != "POST")
        {
            return new GrpcStatus(GrpcStatusCode.Internal, $"gRPC requires POST; the request used {method ?? "no method"}.");
        }

        if (!GrpcWire.IsGrpcContentType(contentType))
        {
            return new GrpcStatus(GrpcStatusCode.Internal, $"Content-Type '{contentType}' is not supported; gRPC requires application/grpc.");
        }

        if (path != _settings.Path)
        {
            var service = _settings.Path[.._settings.Path.LastIndexOf('/')];
            var what = path is not null && path.StartsWith(service + "/", StringComparison.Ordinal) ? "Method" : "Service";
            return new GrpcStatus(GrpcStatusCode.Unimplemented, $"{what} is unimplemented: {path}");
        }

        if (!GrpcWire.IsSupportedEncoding(encoding))
        {
            return new GrpcStatus(GrpcStatusCode.Unimplemented, $"Request compressed with '{encoding}', which is not supported. Supported encodings: {GrpcWire.SupportedEncodings}.");
        }

        if (timeout is not null)
        {
            if (!GrpcWire.TryParseTimeout(timeout, out var parsed))
            {
                return new GrpcStatus(GrpcStatusCode.InvalidArgument, $"Invalid grpc-timeout value '{timeout}'.");
            }

            deadline = parsed;
        }

        return null;
    }

    private async Task RunCallAsync(Http2Stream stream, TimeSpan? deadline)
    {
        using var timer = deadline is { } d && d < TimeSpan.FromMilliseconds(uint.MaxValue - 1) ? new CancellationTokenSource(d) : null;
        using var linked = timer is null ? null : CancellationTokenSource.CreateLinkedTokenSource(stream.Aborted, timer.Token);
        GrpcStatus status;
        try
        {
            await _settings.Handler(stream.Requests, stream, Peer, linked?.Token ?? stream.Aborted).ConfigureAwait(false);
            status = timer is { IsCancellationRequested: true } ? new GrpcStatus(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded") : GrpcStatus.DefaultSuccess;
        }
        catch (GrpcException ex)
        {
            status = ex.Status;
        }
        catch (Exception ex)
        {
            if (stream.Aborted.IsCancellationRequested)
            {
                RemoveStream(stream);
                return;
            }

            LogHandlerFailed(_logger, ex, Peer);
            status = new GrpcStatus(GrpcStatusCode.Unknown, "Exception was thrown by handler.");
        }

        CompleteStream(stream, stream.FailedWith ?? status);
    }

    private void OnRstStream(int streamId, Http2ErrorCode code)
    {
        var stream = FindStream(streamId);
        if (stream is null)
        {
            if (streamId > _lastStreamId)
            {
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"RST_STREAM on stream {streamId}, which was never opened.");
            }

            return;
        }

        lock (_writeLock)
        {
            stream.Closed = true;
            _windowChanged.TrySetResult();
            _windowChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        RemoveStream(stream);
        LogStreamReset(_logger, Peer, streamId, code);
        stream.Abort($"The peer reset the stream ({code}).");
    }

    private void OnSettings(int streamId, FrameFlags flags, ReadOnlySpan<byte> payload)
    {
        RequireConnection(FrameType.Settings, streamId);
        if ((flags & FrameFlags.Ack) != 0)
        {
            RequireLength(FrameType.Settings, payload.Length, 0);
            return;
        }

        if (payload.Length % 6 != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"A SETTINGS frame of {payload.Length} bytes is not a whole number of settings.");
        }

        lock (_writeLock)
        {
            for (var i = 0; i < payload.Length; i += 6)
            {
                var id = (SettingId)BinaryPrimitives.ReadUInt16BigEndian(payload[i..]);
                var value = BinaryPrimitives.ReadUInt32BigEndian(payload[(i + 2)..]);
                switch (id)
                {
                    case SettingId.InitialWindowSize:
                        if (value > Http2.MaxWindowSize)
                        {
                            throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, $"SETTINGS_INITIAL_WINDOW_SIZE {value} exceeds 2^31-1.");
                        }

                        ApplyInitialWindow((int)value);
                        break;
                    case SettingId.MaxFrameSize:
                        if (value < Http2.DefaultMaxFrameSize || value > Http2.MaxAllowedFrameSize)
                        {
                            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"SETTINGS_MAX_FRAME_SIZE {value} is outside 16384..16777215.");
                        }

                        _peerMaxFrameSize = (int)value;
                        break;
                    case SettingId.EnablePush when value > 1:
                        throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"SETTINGS_ENABLE_PUSH {value} is neither 0 nor 1.");
                    default:
                        // The header table size only limits an encoder that indexes; ours never does. Unknown settings are ignored.
                        break;
                }
            }

            if (!_closed)
            {
                var frame = _out.BeginFrame();
                _out.CompleteFrame(frame, FrameType.Settings, FrameFlags.Ack, 0);
                Flush();
            }
        }
    }

    /// <summary>A new initial window changes every open stream's send window by the difference (RFC 9113 §6.9.2); caller holds the write lock.</summary>
    private void ApplyInitialWindow(int value)
    {
        var delta = value - _peerInitialWindow;
        Volatile.Write(ref _peerInitialWindow, value);
        lock (_streams)
        {
            foreach (var stream in _streams.Values)
            {
                var updated = (long)stream.SendWindow + delta;
                if (updated > Http2.MaxWindowSize)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, $"SETTINGS_INITIAL_WINDOW_SIZE makes the window of stream {stream.Id} exceed 2^31-1.");
                }

                stream.SendWindow = (int)updated;
            }
        }

        SignalWindow();
    }

    private void OnPing(int streamId, FrameFlags flags, ReadOnlySpan<byte> payload)
    {
        RequireConnection(FrameType.Ping, streamId);
        RequireLength(FrameType.Ping, payload.Length, 8);
        if ((flags & FrameFlags.Ack) != 0)
        {
            Volatile.Write(ref _pingSentAt, 0);
            return;
        }

        var opaque = BinaryPrimitives.ReadInt64BigEndian(payload);
        SendControl(opaque, static (c, data) => c.AppendPing(data, ack: true));
    }

    private void AppendPing(long data, bool ack)
    {
        var frame = _out.BeginFrame();
        BinaryPrimitives.WriteInt64BigEndian(_out.GetSpan(8), data);
        _out.Advance(8);
        _out.CompleteFrame(frame, FrameType.Ping, ack ? FrameFlags.Ack : FrameFlags.None, 0);
    }

    private void OnWindowUpdate(int streamId, int increment)
    {
        if (increment == 0)
        {
            if (streamId == 0)
            {
                throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, "A WINDOW_UPDATE of 0 on the connection.");
            }

            SendControl(streamId, static (c, id) => c.AppendRstStream(id, Http2ErrorCode.ProtocolError));
            return;
        }

        lock (_writeLock)
        {
            if (streamId == 0)
            {
                if ((long)_connectionSendWindow + increment > Http2.MaxWindowSize)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, "A WINDOW_UPDATE makes the connection's window exceed 2^31-1.");
                }

                _connectionSendWindow += increment;
            }
            else if (FindStream(streamId) is { } stream)
            {
                if ((long)stream.SendWindow + increment > Http2.MaxWindowSize)
                {
                    throw new Http2ConnectionException(Http2ErrorCode.FlowControlError, $"A WINDOW_UPDATE makes the window of stream {streamId} exceed 2^31-1.");
                }

                stream.SendWindow += increment;
            }
            else
            {
                return;
            }

            SignalWindow();
        }
    }

    /// <summary>Wakes writers waiting for window (caller holds the write lock).</summary>
    private void SignalWindow()
    {
        var waiting = _windowChanged;
        _windowChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        waiting.TrySetResult();
    }

    private static ReadOnlySpan<byte> Unpad(FrameType type, FrameFlags flags, ReadOnlySpan<byte> payload)
    {
        if ((flags & FrameFlags.Padded) == 0)
        {
            return payload;
        }

        if (payload.Length < 1 || payload[0] >= payload.Length)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"A {type} frame's padding is longer than the frame.");
        }

        return payload.Slice(1, payload.Length - 1 - payload[0]);
    }

    private static void RequireStream(FrameType type, int streamId)
    {
        if (streamId == 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"A {type} frame must belong to a stream.");
        }
    }

    private static void RequireConnection(FrameType type, int streamId)
    {
        if (streamId != 0)
        {
            throw new Http2ConnectionException(Http2ErrorCode.ProtocolError, $"A {type} frame must be sent on stream 0.");
        }
    }

    private static void RequireLength(FrameType type, int length, int expected)
    {
        if (length != expected)
        {
            throw new Http2ConnectionException(Http2ErrorCode.FrameSizeError, $"A {type} frame must be {expected} bytes long, not {length}.");
        }
    }

    private Http2Stream? FindStream(int streamId)
    {
        lock (_streams)
        {
            return _streams.GetValueOrDefault(streamId);
        }
    }

    private void RemoveStream(Http2Stream stream)
    {
        lock (_streams)
        {
            _streams.Remove(stream.Id);
        }

        CloseIfIdle();
    }

    private void CloseIfIdle()
    {
        if (!_goingAway)
        {
            return;
        }

        lock (_streams)
        {
            if (_streams.Count > 0)
            {
                return;
            }
        }

        FinishGracefully();
    }

    /// <summary>
    /// The last step of a graceful shutdown: the final GOAWAY, and then the peer closes the connection, as clients do
    /// once a GOAWAY has left them no streams. Closing it from this side while the peer's last frames are still
    /// arriving would make the kernel answer with a TCP reset, and some clients (.NET's among them) drop a response
    /// they have already received when the connection fails under a stream whose request side is still open. A peer
    /// that does not close within <see cref="LingerTimeout"/> is cut off.
    /// </summary>
    private void FinishGracefully()
    {
        lock (_writeLock)
        {
            if (_closed || _finished)
            {
                return;
            }

            // Set before the GOAWAY goes out (SendControl only checks _closed), so it goes out once.
            _finished = true;
        }

        TrySendGoAway(Http2ErrorCode.NoError, "The chaincode server is shutting down.");

        _linger = new Timer(static state => ((Http2Connection)state!).Close(), this, LingerTimeout, Timeout.InfiniteTimeSpan);
    }

    // ---- Keep-alive ----

    private void StartKeepAlive()
    {
        if (_settings.KeepAliveInterval == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, Math.Min(_settings.KeepAliveInterval.Ticks, _settings.KeepAliveTimeout.Ticks) / 4));
        _keepAlive = new Timer(static state => ((Http2Connection)state!).CheckKeepAlive(), this, period, period);
    }

    private void CheckKeepAlive()
    {
        if (_closed)
        {
            return;
        }

        var now = Environment.TickCount64;
        var pingSentAt = Volatile.Read(ref _pingSentAt);
        if (pingSentAt != 0)
        {
            if (now - pingSentAt >= (long)_settings.KeepAliveTimeout.TotalMilliseconds)
            {
                LogKeepAliveTimeout(_logger, Peer, _settings.KeepAliveTimeout);
                Close();
            }

            return;
        }

        if (now - Volatile.Read(ref _lastReceived) >= (long)_settings.KeepAliveInterval.TotalMilliseconds)
        {
            Volatile.Write(ref _pingSentAt, now);
            try
            {
                SendControl(now, static (c, data) => c.AppendPing(data, ack: false));
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
                Close();
            }
        }
    }

    [LoggerMessage(209, LogLevel.Debug, "Connection from {Peer}: the reader polled for {Polls} awaited replies and found {Hits} within the poll limit; at the end polling {State}.")]
    private static partial void LogReplyPolls(ILogger logger, string peer, long polls, long hits, string state);

    [LoggerMessage(200, LogLevel.Debug, "Connection from {Peer} closed.")]
    private static partial void LogConnectionClosed(ILogger logger, string peer);

    [LoggerMessage(201, LogLevel.Information, "Connection from {Peer} was lost: {Reason}")]
    private static partial void LogConnectionLost(ILogger logger, string peer, string reason);

    [LoggerMessage(202, LogLevel.Warning, "Closing the connection from {Peer}: HTTP/2 {Code}: {Reason}")]
    private static partial void LogProtocolError(ILogger logger, string peer, Http2ErrorCode code, string reason);

    [LoggerMessage(203, LogLevel.Warning, "Refused a call from {Peer} to {Path}: {Reason}")]
    private static partial void LogCallRejected(ILogger logger, string peer, string path, string reason);

    [LoggerMessage(204, LogLevel.Error, "The handler of a call from {Peer} threw an exception.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string peer);

    [LoggerMessage(205, LogLevel.Debug, "Peer {Peer} reset stream {StreamId} ({Code}).")]
    private static partial void LogStreamReset(ILogger logger, string peer, int streamId, Http2ErrorCode code);

    [LoggerMessage(207, LogLevel.Debug, "Chaincode work held the reader of {Peer} for more than {Delay}; another thread now reads the connection.")]
    private static partial void LogReaderRescued(ILogger logger, string peer, TimeSpan delay);

    [LoggerMessage(208, LogLevel.Error, "Work run on the reader thread of {Peer} threw.")]
    private static partial void LogInlineWorkFailed(ILogger logger, Exception exception, string peer);

    [LoggerMessage(206, LogLevel.Warning, "Peer {Peer} did not answer a keep-alive PING within {Timeout}; closing the connection.")]
    private static partial void LogKeepAliveTimeout(ILogger logger, string peer, TimeSpan timeout);
}
