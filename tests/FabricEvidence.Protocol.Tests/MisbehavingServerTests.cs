using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using static FabricEvidence.Protocol.Tests.TestMethods;

namespace FabricEvidence.Protocol.Tests;

/// <summary>
/// A raw HTTP/2 server that answers with what a correct gRPC server never sends. The client must turn each into a
/// clear gRPC status, never crash or hang.
/// </summary>
public sealed class MisbehavingServerTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.Run(RespondAsync);
        await _app.StartAsync();
        var address = _app.Urls.First();
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 });
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("truncated-frame", GrpcStatusCode.Internal, "Incomplete message")]
    [InlineData("truncated-header", GrpcStatusCode.Internal, "Incomplete message")]
    [InlineData("oversized", GrpcStatusCode.ResourceExhausted, "maximum configured message size")]
    [InlineData("bad-protobuf", GrpcStatusCode.Internal, "Failed to deserialize response message")]
    [InlineData("bad-flag", GrpcStatusCode.Internal, "compression flag 9")]
    [InlineData("compressed-without-encoding", GrpcStatusCode.Internal, "no grpc-encoding")]
    [InlineData("unsupported-encoding", GrpcStatusCode.Unimplemented, "snappy")]
    [InlineData("no-status", GrpcStatusCode.Internal, "without a grpc-status")]
    [InlineData("bad-status", GrpcStatusCode.Unknown, "Invalid grpc-status")]
    [InlineData("html", GrpcStatusCode.Internal, "Invalid content-type value: text/html")]
    [InlineData("http-404", GrpcStatusCode.Unimplemented, "HTTP status code: 404")]
    [InlineData("http-503", GrpcStatusCode.Unavailable, "HTTP status code: 503")]
    [InlineData("two-messages", GrpcStatusCode.Internal, "more than one message")]
    [InlineData("ok-without-message", GrpcStatusCode.Internal, "no message")]
    [InlineData("reset", GrpcStatusCode.Internal, "reset")]
    public async Task Client_reports_a_misbehaving_server_as_a_status(string behaviour, GrpcStatusCode expected, string messagePart)
    {
        var ex = await Assert.ThrowsAsync<GrpcException>(() => _channel.UnaryAsync(Unary, Message(behaviour)).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal(expected, ex.StatusCode);
        Assert.Contains(messagePart, ex.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Client_decodes_gzip_compressed_responses()
    {
        var response = await _channel.UnaryAsync(Unary, Message("gzip"));

        Assert.Equal("compressed hello", response.Text());
    }

    [Fact]
    public async Task Client_ignores_a_malformed_details_trailer_but_keeps_the_status()
    {
        var ex = await Assert.ThrowsAsync<GrpcException>(() => _channel.UnaryAsync(Unary, Message("bad-details")));

        Assert.Equal(GrpcStatusCode.Aborted, ex.StatusCode);
        Assert.Null(ex.Status.RichStatus);
    }

    private static async Task RespondAsync(HttpContext http)
    {
        var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var request = Envelope.Parser.ParseFrom(body.ToArray().AsSpan(5));
        var behaviour = request.Payload.ToStringUtf8();
        var response = http.Response;
        response.ContentType = "application/grpc";
        var valid = Frame(Message("fine").ToByteArray());

        switch (behaviour)
        {
            case "truncated-frame":
                await response.Body.WriteAsync(valid.AsMemory(0, valid.Length - 2));
                Trailer(http, "0");
                break;
            case "truncated-header":
                await response.Body.WriteAsync(new byte[] { 0, 0 });
                Trailer(http, "0");
                break;
            case "oversized":
                var header = new byte[5];
                BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), 10 * 1024 * 1024);
                await response.Body.WriteAsync(header);
                Trailer(http, "0");
                break;
            case "bad-protobuf":
                await response.Body.WriteAsync(Frame(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }));
                Trailer(http, "0");
                break;
            case "bad-flag":
                valid[0] = 9;
                await response.Body.WriteAsync(valid);
                Trailer(http, "0");
                break;
            case "compressed-without-encoding":
                valid[0] = 1;
                await response.Body.WriteAsync(valid);
                Trailer(http, "0");
                break;
            case "unsupported-encoding":
                response.Headers["grpc-encoding"] = "snappy";
                valid[0] = 1;
                await response.Body.WriteAsync(valid);
                Trailer(http, "0");
                break;
            case "gzip":
                response.Headers["grpc-encoding"] = "gzip";
                using (var output = new MemoryStream())
                {
                    using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
                    {
                        gzip.Write(Message("compressed hello").ToByteArray());
                    }

                    var frame = Frame(output.ToArray());
                    frame[0] = 1;
                    await response.Body.WriteAsync(frame);
                }

                Trailer(http, "0");
                break;
            case "no-status":
                await response.Body.WriteAsync(valid);
                break;
            case "bad-status":
                await response.Body.WriteAsync(valid);
                Trailer(http, "abc");
                break;
            case "bad-details":
                response.Headers["grpc-status"] = "10";
                response.Headers["grpc-status-details-bin"] = "!!!not base64!!!";
                break;
            case "html":
                response.ContentType = "text/html";
                await response.WriteAsync("<html>proxy error</html>");
                break;
            case "http-404":
                response.StatusCode = 404;
                break;
            case "http-503":
                response.StatusCode = 503;
                break;
            case "two-messages":
                await response.Body.WriteAsync(valid);
                await response.Body.WriteAsync(valid);
                Trailer(http, "0");
                break;
            case "ok-without-message":
                response.Headers["grpc-status"] = "0";
                break;
            case "reset":
                await response.Body.WriteAsync(valid.AsMemory(0, 3));
                await response.Body.FlushAsync();
                http.Features.Get<IHttpResetFeature>()!.Reset(2); // INTERNAL_ERROR
                break;
        }
    }

    private static void Trailer(HttpContext http, string status) => http.Response.AppendTrailer("grpc-status", status);

    private static byte[] Frame(byte[] message)
    {
        var frame = new byte[5 + message.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }
}
