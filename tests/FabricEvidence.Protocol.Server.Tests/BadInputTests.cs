using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Protocol.Server.Tests;

/// <summary>
/// Hand-made HTTP/2 requests that a correct gRPC client would never send. Each must end in a gRPC status (or a
/// refused connection for non-HTTP/2 bytes), and the server must keep serving afterwards.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private static readonly GrpcMethod<Envelope, Envelope> Unary = GrpcMethod.Unary<Envelope, Envelope>("/test.Echo/Unary");
    private static readonly GrpcMethod<Envelope, Envelope> Duplex = GrpcMethod.DuplexStreaming<Envelope, Envelope>("/test.Echo/Duplex");

    private GrpcServer _server = null!;
    private HttpClient _http = null!;
    private int _handled;

    public async Task InitializeAsync()
    {
        var registry = new GrpcServiceRegistry()
            .AddUnary(Unary, (request, _) =>
            {
                Interlocked.Increment(ref _handled);
                return Task.FromResult(request);
            })
            .AddDuplexStreaming(Duplex, async (requests, responses, _) =>
            {
                await foreach (var request in requests)
                {
                    await responses.WriteAsync(request);
                }
            });
        _server = new GrpcServer(registry, new GrpcServerOptions { MaxReceiveMessageSize = 64 * 1024 });
        await _server.StartAsync();
        _http = new HttpClient(new SocketsHttpHandler());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Wrong_content_type_is_415_with_a_grpc_status()
    {
        var response = await SendAsync("/test.Echo/Unary", Frame(ValidMessage()), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.Http.StatusCode);
        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("application/json", response.GrpcMessage);
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Get_instead_of_post_is_405()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Address("/test.Echo/Unary")) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await AssertStillServingAsync();
    }

    [Theory]
    [InlineData("/test.Echo/Missing", "Method is unimplemented: /test.Echo/Missing")]
    [InlineData("/other.Service/Unary", "Service is unimplemented: /other.Service/Unary")]
    public async Task Unknown_method_or_service_is_Unimplemented(string path, string message)
    {
        var response = await SendAsync(path, Frame(ValidMessage()));

        Assert.Equal(HttpStatusCode.OK, response.Http.StatusCode);
        Assert.Equal(12, response.GrpcStatus);
        Assert.Equal(message, response.GrpcMessage);
        Assert.True(response.TrailersOnly);
    }

    [Fact]
    public async Task Truncated_frame_is_Internal_incomplete_message()
    {
        var frame = Frame(ValidMessage());
        var response = await SendAsync("/test.Echo/Unary", frame.AsSpan(0, frame.Length - 3).ToArray());

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
        Assert.Equal(0, Volatile.Read(ref _handled));
    }

    [Fact]
    public async Task Truncated_header_is_Internal()
    {
        var response = await SendAsync("/test.Echo/Unary", new byte[] { 0, 0, 0 });

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("Incomplete message", response.GrpcMessage);
    }

    [Fact]
    public async Task Empty_body_on_a_unary_method_is_Internal()
    {
        var response = await SendAsync("/test.Echo/Unary", Array.Empty<byte>());

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("ended without a message", response.GrpcMessage);
    }

    [Fact]
    public async Task Oversized_message_is_ResourceExhausted_before_it_is_buffered()
    {
        // Only the header claims 1 GiB; the server must refuse on the header instead of waiting for the bytes.
        var header = new byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), 1u << 30);

        var response = await SendAsync("/test.Echo/Unary", header);

        Assert.Equal(8, response.GrpcStatus);
        Assert.Contains("maximum configured message size", response.GrpcMessage);
    }

    [Fact]
    public async Task Malformed_protobuf_is_Internal()
    {
        var garbage = new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }; // field 1, length far beyond the data

        var response = await SendAsync("/test.Echo/Unary", Frame(garbage));

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("Failed to deserialize request message", response.GrpcMessage);
    }

    [Fact]
    public async Task Invalid_compression_flag_is_Internal()
    {
        var frame = Frame(ValidMessage());
        frame[0] = 7;

        var response = await SendAsync("/test.Echo/Unary", frame);

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("compression flag 7", response.GrpcMessage);
    }

    [Fact]
    public async Task Compressed_flag_without_an_encoding_is_Internal()
    {
        var frame = Frame(ValidMessage());
        frame[0] = 1;

        var response = await SendAsync("/test.Echo/Unary", frame);

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("no grpc-encoding", response.GrpcMessage);
    }

    [Fact]
    public async Task Unsupported_encoding_is_Unimplemented_and_lists_what_is_supported()
    {
        var response = await SendAsync("/test.Echo/Unary", Frame(ValidMessage(), compressed: true), encoding: "snappy");

        Assert.Equal(12, response.GrpcStatus);
        Assert.Contains("snappy", response.GrpcMessage);
        Assert.Equal("identity,gzip,deflate", response.Http.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task Gzip_compressed_request_is_decoded()
    {
        var message = ValidMessage();
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(message);
        }

        var response = await SendAsync("/test.Echo/Unary", Frame(output.ToArray(), compressed: true), encoding: "gzip");

        Assert.Equal(0, response.GrpcStatus);
        Assert.Equal(Frame(message), response.Body);
    }

    [Fact]
    public async Task Corrupt_gzip_is_Internal()
    {
        var response = await SendAsync("/test.Echo/Unary", Frame(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, compressed: true), encoding: "gzip");

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("decompress", response.GrpcMessage);
    }

    [Fact]
    public async Task Gzip_bomb_is_stopped_at_the_size_limit()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(new byte[10 * 1024 * 1024]); // 10 MiB of zeros compresses to ~10 KiB
        }

        var response = await SendAsync("/test.Echo/Unary", Frame(output.ToArray(), compressed: true), encoding: "gzip");

        Assert.Equal(8, response.GrpcStatus);
        Assert.Contains("Decompressed message exceeds", response.GrpcMessage);
    }

    [Fact]
    public async Task Two_messages_on_a_unary_method_are_Internal()
    {
        var one = Frame(ValidMessage());

        var response = await SendAsync("/test.Echo/Unary", one.Concat(one).ToArray());

        Assert.Equal(13, response.GrpcStatus);
        Assert.Contains("takes one request message", response.GrpcMessage);
    }

    [Fact]
    public async Task Invalid_timeout_header_is_InvalidArgument()
    {
        var response = await SendAsync("/test.Echo/Unary", Frame(ValidMessage()), timeout: "soon");

        Assert.Equal(3, response.GrpcStatus);
        Assert.Contains("grpc-timeout", response.GrpcMessage);
    }

    [Fact]
    public async Task Truncated_frame_in_a_stream_ends_the_stream_with_Internal_after_earlier_messages()
    {
        var good = Frame(ValidMessage());
        var body = good.Concat(good.AsSpan(0, 4).ToArray()).ToArray();

        var response = await SendAsync("/test.Echo/Duplex", body);

        Assert.Equal(13, response.GrpcStatus);
        Assert.Equal(good, response.Body); // the complete first message was echoed before the error
    }

    [Fact]
    public async Task Http1_request_is_refused_and_the_server_keeps_serving()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Address("/test.Echo/Unary"))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Frame(ValidMessage())),
        };

        // Kestrel answers an HTTP/1.1 request on an HTTP/2-only endpoint with an HTTP error (or drops it); the handler never runs.
        try
        {
            using var response = await _http.SendAsync(request);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        catch (HttpRequestException)
        {
        }

        Assert.Equal(0, Volatile.Read(ref _handled));
        await AssertStillServingAsync();
    }

    [Fact]
    public async Task Garbage_bytes_on_the_socket_do_not_hurt_the_server()
    {
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, _server.Port);
            var stream = socket.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")); // valid preface...
            await stream.WriteAsync(new byte[] { 0, 0, 4, 0xFF, 0, 0, 0, 0, 0, 1, 2, 3, 4 }); // ...then a nonsense frame
            await stream.WriteAsync(new byte[4096]);
            var buffer = new byte[1024];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                while (await stream.ReadAsync(buffer, cts.Token) > 0)
                {
                    // The server answers with GOAWAY and closes; drain until it does.
                }
            }
            catch (IOException)
            {
                // A reset connection is an acceptable way to refuse.
            }
        }

        await AssertStillServingAsync();
    }

    private async Task AssertStillServingAsync()
    {
        using var channel = GrpcChannel.ForAddress(_server.Address);
        var echo = await channel.UnaryAsync(Unary, new Envelope { Payload = ByteString.CopyFromUtf8("alive") });
        Assert.Equal("alive", echo.Payload.ToStringUtf8());
    }

    private static byte[] ValidMessage() => new Envelope { Payload = ByteString.CopyFromUtf8("payload"), Signature = ByteString.CopyFromUtf8("sig") }.ToByteArray();

    private static byte[] Frame(byte[] message, bool compressed = false)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    private Uri Address(string path) => new(_server.Address, path);

    private async Task<RawResponse> SendAsync(string path, byte[] body, string contentType = "application/grpc", string? encoding = null, string? timeout = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Address(path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        }

        if (timeout is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);
        }

        var response = await _http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var trailersOnly = response.Headers.Contains("grpc-status");
        var source = trailersOnly ? (HttpHeaders)response.Headers : response.TrailingHeaders;
        var status = source.TryGetValues("grpc-status", out var s) ? int.Parse(s.Single(), System.Globalization.CultureInfo.InvariantCulture) : -1;
        var message = source.TryGetValues("grpc-message", out var m) ? Uri.UnescapeDataString(m.Single()) : string.Empty;
        return new RawResponse(response, status, message, bytes, trailersOnly);
    }

    private sealed record RawResponse(HttpResponseMessage Http, int GrpcStatus, string GrpcMessage, byte[] Body, bool TrailersOnly);
}
