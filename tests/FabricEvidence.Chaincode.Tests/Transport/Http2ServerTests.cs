using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using FabricEvidence.Chaincode.Internal.Transport;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Protocol.Peer;
using Microsoft.Extensions.Logging;
using Xunit;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;

namespace FabricEvidence.Chaincode.Tests.Transport;

/// <summary>
/// The chaincode server's HTTP/2 transport, driven frame by frame: what a well-behaved gRPC client never sends, and
/// the flow control a real client relies on. The conversation-level behaviour is covered by the shim tests, which run
/// over the same transport.
/// </summary>
public sealed class Http2ServerTests
{
    private const string ConnectPath = "/protos.Chaincode/Connect";

    [Fact]
    public async Task A_call_to_an_unknown_method_ends_with_UNIMPLEMENTED_and_the_connection_keeps_serving()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(logLevel: LogLevel.Critical);
        using var client = RawClient.Connect(server.Server!.Port);

        client.SendHeaders(1, "/protos.Chaincode/Disconnect", endStream: true);
        var trailers = client.ReadHeaders(1);
        Assert.True(trailers.EndStream);
        Assert.Equal("200", trailers.Get(":status"));
        Assert.Equal("12", trailers.Get("grpc-status"));
        Assert.Contains("Method is unimplemented", Uri.UnescapeDataString(trailers.Get("grpc-message")!), StringComparison.Ordinal);

        client.SendHeaders(3, ConnectPath);
        var register = client.ReadMessage(3);
        Assert.Equal(MessageType.Register, register.Type);
    }

    [Fact]
    public async Task A_request_message_over_the_size_limit_ends_the_call_with_RESOURCE_EXHAUSTED()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(configure: o => o.MaxMessageSize = 1024, logLevel: LogLevel.Critical);
        using var client = RawClient.Connect(server.Server!.Port);

        client.SendHeaders(1, ConnectPath);
        Assert.Equal(MessageType.Register, client.ReadMessage(1).Type);
        var prefix = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(prefix.AsSpan(1), 2048);
        client.SendFrame(FrameType.Data, FrameFlags.None, 1, prefix);

        var trailers = client.ReadHeaders(1);
        Assert.True(trailers.EndStream);
        Assert.Equal("8", trailers.Get("grpc-status"));
        Assert.Contains("2048 > 1024", Uri.UnescapeDataString(trailers.Get("grpc-message")!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_without_the_HTTP2_preface_gets_a_PROTOCOL_ERROR_and_others_are_still_served()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(logLevel: LogLevel.Critical);
        using (var http1 = new TcpClient())
        {
            await http1.ConnectAsync("127.0.0.1", server.Server!.Port);
            var stream = http1.GetStream();
            stream.ReadTimeout = 10_000;
            stream.Write("GET /protos.Chaincode/Connect HTTP/1.1\r\nHost: x\r\n\r\n"u8);
            var frame = RawClient.ReadFrameFrom(stream, skipSettings: true);
            Assert.Equal(FrameType.GoAway, frame.Type);
            Assert.Equal((uint)Http2ErrorCode.ProtocolError, BinaryPrimitives.ReadUInt32BigEndian(frame.Payload.AsSpan(4)));
            Assert.Contains("preface", Encoding.UTF8.GetString(frame.Payload, 8, frame.Payload.Length - 8), StringComparison.Ordinal);
        }

        using var client = RawClient.Connect(server.Server!.Port);
        client.SendHeaders(1, ConnectPath);
        Assert.Equal(MessageType.Register, client.ReadMessage(1).Type);
    }

    [Fact]
    public async Task The_server_never_sends_more_than_the_clients_flow_control_windows_allow()
    {
        // REGISTER carries the chaincode id, so a long id makes a 100 KB message without a transaction.
        var id = "big:" + new string('x', 100_000);
        await using var server = await ReferenceServers.StartDotnetAsync(chaincodeId: id, logLevel: LogLevel.Critical);
        using var client = RawClient.Connect(server.Server!.Port, initialWindowSize: 1000);

        client.SendHeaders(1, ConnectPath);
        var headers = client.ReadHeaders(1);
        Assert.False(headers.EndStream);

        // Each step waits (up to the read timeout) for what the window allows, then checks that nothing more comes.
        var received = new MemoryStream();
        client.ReadData(1, 1000, received);
        client.AssertNoDataFor(TimeSpan.FromMilliseconds(300));

        client.SendWindowUpdate(1, 5000);
        client.ReadData(1, 5000, received);
        client.AssertNoDataFor(TimeSpan.FromMilliseconds(300));

        // The stream window is now ample, so the connection's 65,535 bytes bound what comes next.
        client.SendWindowUpdate(1, 1_000_000);
        client.ReadData(1, 65_535 - 6000, received);
        client.AssertNoDataFor(TimeSpan.FromMilliseconds(300));

        client.SendWindowUpdate(0, 1_000_000);
        var total = 5 + BinaryPrimitives.ReadInt32BigEndian(received.ToArray().AsSpan(1));
        client.ReadData(1, total - (int)received.Length, received);
        var bytes = received.ToArray();
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1));
        Assert.Equal(bytes.Length - 5, length);
        var register = ChaincodeMessage.Parser.ParseFrom(bytes.AsSpan(5));
        Assert.Equal(MessageType.Register, register.Type);
        Assert.Equal(id, ChaincodeID.Parser.ParseFrom(register.Payload).Name);
        Assert.All(client.DataFrameSizes, size => Assert.InRange(size, 1, 16_384));
    }

    [Fact]
    public async Task Header_blocks_split_over_CONTINUATION_with_padding_and_priority_are_accepted()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(logLevel: LogLevel.Critical);
        using var client = RawClient.Connect(server.Server!.Port);

        var block = RawClient.EncodeRequestHeaders(ConnectPath);
        var first = new byte[1 + 5 + 10 + 3];
        first[0] = 3; // pad length
        block.AsSpan(0, 10).CopyTo(first.AsSpan(6));
        client.SendFrame(FrameType.Headers, FrameFlags.Padded | FrameFlags.Priority, 1, first);
        client.SendFrame(FrameType.Continuation, FrameFlags.None, 1, block.AsSpan(10, 10));
        client.SendFrame(FrameType.Continuation, FrameFlags.EndHeaders, 1, block.AsSpan(20));

        Assert.Equal(MessageType.Register, client.ReadMessage(1).Type);
    }

    [Fact]
    public async Task An_undecodable_header_block_closes_the_connection_with_COMPRESSION_ERROR()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(logLevel: LogLevel.Critical);
        using var client = RawClient.Connect(server.Server!.Port);

        client.SendFrame(FrameType.Headers, FrameFlags.EndHeaders, 1, [0xBF, 0x7F]); // indexed field 0x3F + 0x7F: past any table

        var goAway = client.ReadUntil(FrameType.GoAway);
        Assert.Equal((uint)Http2ErrorCode.CompressionError, BinaryPrimitives.ReadUInt32BigEndian(goAway.Payload.AsSpan(4)));
        Assert.True(client.ReadsEndOfStream(), "the server should close the connection after a connection error");
    }

    [Fact]
    public async Task A_stream_the_client_resets_ends_its_call_and_a_new_stream_is_served()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(logLevel: LogLevel.Critical);
        using var client = RawClient.Connect(server.Server!.Port);

        client.SendHeaders(1, ConnectPath);
        Assert.Equal(MessageType.Register, client.ReadMessage(1).Type);
        client.SendFrame(FrameType.RstStream, FrameFlags.None, 1, [0, 0, 0, (byte)Http2ErrorCode.Cancel]);

        client.SendHeaders(3, ConnectPath);
        Assert.Equal(MessageType.Register, client.ReadMessage(3).Type);
    }

    [Fact]
    public async Task A_client_that_does_not_answer_keep_alive_pings_is_disconnected()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(logLevel: LogLevel.Critical, configure: o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
            o.KeepAliveTimeout = TimeSpan.FromMilliseconds(300);
        });
        using var client = RawClient.Connect(server.Server!.Port);
        client.SendHeaders(1, ConnectPath);
        Assert.Equal(MessageType.Register, client.ReadMessage(1).Type);

        var ping = client.ReadUntil(FrameType.Ping, answerPings: false);
        Assert.Equal(FrameFlags.None, ping.Flags);
        Assert.True(client.ReadsEndOfStream(), "the server should close a connection whose pings go unanswered");
    }

    [Fact]
    public async Task A_client_that_answers_keep_alive_pings_stays_connected()
    {
        await using var server = await ReferenceServers.StartDotnetAsync(logLevel: LogLevel.Critical, configure: o =>
        {
            o.KeepAliveInterval = TimeSpan.FromMilliseconds(200);
            o.KeepAliveTimeout = TimeSpan.FromSeconds(3); // generous: a loaded test machine must not make a late ack look like none
        });
        using var client = RawClient.Connect(server.Server!.Port);
        client.SendHeaders(1, ConnectPath);
        Assert.Equal(MessageType.Register, client.ReadMessage(1).Type);

        for (var i = 0; i < 3; i++)
        {
            var ping = client.ReadUntil(FrameType.Ping, answerPings: false);
            client.SendFrame(FrameType.Ping, FrameFlags.Ack, 0, ping.Payload);
        }

        // Still served: REGISTERED is accepted and the stream stays open.
        client.SendMessage(1, new ChaincodeMessage { Type = MessageType.Registered });
        client.SendMessage(1, new ChaincodeMessage { Type = MessageType.Keepalive });
        Assert.Equal(MessageType.Keepalive, client.ReadMessage(1).Type);
    }

    [Fact]
    public async Task A_peer_that_drops_the_connection_ends_its_call_cleanly_without_an_error()
    {
        var logs = new CapturingLoggerProvider();
        var builder = ChaincodeServer.CreateBuilder([]);
        builder.Configuration["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0";
        builder.Configuration["CHAINCODE_ID"] = ReferenceServers.ChaincodeId;
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.AddChaincode(new ReferenceChaincode());
        await using var server = builder.Build();
        await server.StartAsync();

        using (var client = RawClient.Connect(server.Port))
        {
            client.SendHeaders(1, ConnectPath);
            Assert.Equal(MessageType.Register, client.ReadMessage(1).Type);
        }

        await logs.WaitForAsync(e => e.Message.Contains("closed the chaincode stream", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    /// <summary>A frame-level HTTP/2 client with blocking reads and a timeout, for driving the server by hand.</summary>
    private sealed class RawClient : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly NetworkStream _stream;
        private readonly HpackDecoder _decoder = new();

        private RawClient(TcpClient tcp)
        {
            _tcp = tcp;
            _stream = tcp.GetStream();
            _stream.ReadTimeout = 10_000;
        }

        public List<int> DataFrameSizes { get; } = new();

        public static RawClient Connect(int port, int? initialWindowSize = null)
        {
            var tcp = new TcpClient { NoDelay = true };
            tcp.Connect("127.0.0.1", port);
            var client = new RawClient(tcp);
            client._stream.Write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8);
            var settings = new byte[initialWindowSize is null ? 0 : 6];
            if (initialWindowSize is { } window)
            {
                BinaryPrimitives.WriteUInt16BigEndian(settings, (ushort)SettingId.InitialWindowSize);
                BinaryPrimitives.WriteInt32BigEndian(settings.AsSpan(2), window);
            }

            client.SendFrame(FrameType.Settings, FrameFlags.None, 0, settings);
            return client;
        }

        public static byte[] EncodeRequestHeaders(string path)
        {
            var buffer = new ByteBuffer(256);
            foreach (var (name, value) in new[] { (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", "localhost"), ("content-type", "application/grpc"), ("te", "trailers") })
            {
                Http2.WriteLiteralHeader(buffer, name, value);
            }

            return buffer.Written.ToArray();
        }

        public static Frame ReadFrameFrom(Stream stream, bool skipSettings)
        {
            while (true)
            {
                var header = new byte[9];
                stream.ReadExactly(header);
                var length = (header[0] << 16) | (header[1] << 8) | header[2];
                var payload = new byte[length];
                stream.ReadExactly(payload);
                var frame = new Frame((FrameType)header[3], (FrameFlags)header[4], BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(5)) & int.MaxValue, payload);
                if (!(skipSettings && frame.Type is FrameType.Settings or FrameType.WindowUpdate))
                {
                    return frame;
                }
            }
        }

        public void SendFrame(FrameType type, FrameFlags flags, int streamId, ReadOnlySpan<byte> payload)
        {
            var frame = new byte[9 + payload.Length];
            Http2.WriteFrameHeader(frame, payload.Length, type, flags, streamId);
            payload.CopyTo(frame.AsSpan(9));
            _stream.Write(frame);
        }

        public void SendHeaders(int streamId, string path, bool endStream = false) =>
            SendFrame(FrameType.Headers, endStream ? FrameFlags.EndHeaders | FrameFlags.EndStream : FrameFlags.EndHeaders, streamId, EncodeRequestHeaders(path));

        public void SendMessage(int streamId, ChaincodeMessage message)
        {
            var size = message.CalculateSize();
            var payload = new byte[5 + size];
            BinaryPrimitives.WriteInt32BigEndian(payload.AsSpan(1), size);
            Google.Protobuf.MessageExtensions.WriteTo(message, payload.AsSpan(5));
            SendFrame(FrameType.Data, FrameFlags.None, streamId, payload);
        }

        public void SendWindowUpdate(int streamId, int increment)
        {
            var payload = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(payload, increment);
            SendFrame(FrameType.WindowUpdate, FrameFlags.None, streamId, payload);
        }

        /// <summary>Reads frames until one of <paramref name="type"/>, answering SETTINGS (and PINGs unless told not to).</summary>
        public Frame ReadUntil(FrameType type, bool answerPings = true)
        {
            while (true)
            {
                var frame = ReadFrameFrom(_stream, skipSettings: false);
                if (frame.Type == type)
                {
                    return frame;
                }

                if (frame.Type == FrameType.Settings && (frame.Flags & FrameFlags.Ack) == 0)
                {
                    SendFrame(FrameType.Settings, FrameFlags.Ack, 0, []);
                }
                else if (frame.Type == FrameType.Ping && (frame.Flags & FrameFlags.Ack) == 0 && answerPings)
                {
                    SendFrame(FrameType.Ping, FrameFlags.Ack, 0, frame.Payload);
                }
                else if (frame.Type is FrameType.Data or FrameType.Headers)
                {
                    throw new InvalidOperationException($"Unexpected {frame.Type} on stream {frame.StreamId} while waiting for {type}.");
                }
            }
        }

        public DecodedHeaders ReadHeaders(int streamId)
        {
            var frame = ReadUntil(FrameType.Headers);
            Assert.Equal(streamId, frame.StreamId);
            Assert.True((frame.Flags & FrameFlags.EndHeaders) != 0, "the server's header blocks fit in one frame");
            var headers = new List<KeyValuePair<string, string>>();
            _decoder.Decode(frame.Payload, headers);
            return new DecodedHeaders(headers, (frame.Flags & FrameFlags.EndStream) != 0);
        }

        /// <summary>Reads the response headers (if not read yet) and one whole message from DATA frames.</summary>
        public ChaincodeMessage ReadMessage(int streamId)
        {
            var data = new MemoryStream();
            while (true)
            {
                var frame = ReadFrameFrom(_stream, skipSettings: true);
                if (frame.Type == FrameType.Headers)
                {
                    var headers = new List<KeyValuePair<string, string>>();
                    _decoder.Decode(frame.Payload, headers);
                    Assert.False((frame.Flags & FrameFlags.EndStream) != 0, "the call ended: " + string.Join(", ", headers));
                    continue;
                }

                if (frame.Type != FrameType.Data)
                {
                    continue;
                }

                Assert.Equal(streamId, frame.StreamId);
                data.Write(frame.Payload);
                var bytes = data.ToArray();
                if (bytes.Length >= 5 && bytes.Length - 5 >= BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)))
                {
                    return ChaincodeMessage.Parser.ParseFrom(bytes.AsSpan(5));
                }
            }
        }

        /// <summary>Reads DATA on <paramref name="streamId"/> until exactly <paramref name="count"/> more bytes have come; more in a frame fails.</summary>
        public void ReadData(int streamId, int count, MemoryStream into)
        {
            var total = 0;
            while (total < count)
            {
                var frame = ReadFrameFrom(_stream, skipSettings: true);
                if (frame.Type != FrameType.Data)
                {
                    continue;
                }

                Assert.Equal(streamId, frame.StreamId);
                DataFrameSizes.Add(frame.Payload.Length);
                total += frame.Payload.Length;
                into.Write(frame.Payload);
            }

            Assert.Equal(count, total);
        }

        /// <summary>Fails if any DATA arrives within <paramref name="quiet"/>.</summary>
        public void AssertNoDataFor(TimeSpan quiet)
        {
            var deadline = DateTime.UtcNow + quiet;
            while (DateTime.UtcNow < deadline && _tcp.Client.Poll(deadline - DateTime.UtcNow, SelectMode.SelectRead))
            {
                var frame = ReadFrameFrom(_stream, skipSettings: true);
                Assert.NotEqual(FrameType.Data, frame.Type);
            }
        }

        /// <summary>Whether the server closes the connection (reads may skip remaining frames) within the read timeout.</summary>
        public bool ReadsEndOfStream()
        {
            var buffer = new byte[4096];
            try
            {
                while (_stream.Read(buffer) > 0)
                {
                }

                return true;
            }
            catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
            {
                return true;
            }
            catch (IOException)
            {
                return false; // timed out
            }
        }

        public void Dispose() => _tcp.Dispose();
    }

    private sealed record Frame(FrameType Type, FrameFlags Flags, int StreamId, byte[] Payload);

    private sealed record DecodedHeaders(List<KeyValuePair<string, string>> Fields, bool EndStream)
    {
        public string? Get(string name) => Fields.FirstOrDefault(f => f.Key == name).Value;
    }

    private sealed record LogEntry(LogLevel Level, string Message);

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly List<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries
        {
            get
            {
                lock (_entries)
                {
                    return _entries.ToArray();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public async Task WaitForAsync(Func<LogEntry, bool> predicate, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!Entries.Any(predicate))
            {
                Assert.True(DateTime.UtcNow < deadline, "Expected log entry never came. Logged: " + string.Join(" | ", Entries.Select(e => e.Message)));
                await Task.Delay(20);
            }
        }

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._entries)
                {
                    owner._entries.Add(new LogEntry(logLevel, formatter(state, exception)));
                }
            }
        }
    }
}
