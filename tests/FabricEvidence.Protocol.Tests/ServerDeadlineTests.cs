using System.Net;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Server;
using Google.Protobuf;

namespace FabricEvidence.Protocol.Tests;

/// <summary>
/// How the server turns a client's grpc-timeout into a deadline. These calls go through a bare HttpClient because our
/// own client enforces deadlines locally and would hide what the server sends.
/// </summary>
public sealed class ServerDeadlineTests
{
    private static readonly GrpcMethod<Envelope, Envelope> WaitForCancel = GrpcMethod.Unary<Envelope, Envelope>("/test.Deadline/WaitForCancel");
    private static readonly GrpcMethod<Envelope, Envelope> Echo = GrpcMethod.Unary<Envelope, Envelope>("/test.Deadline/Echo");

    private readonly List<DateTimeOffset?> _deadlines = [];

    private GrpcServer CreateServer() => new(new GrpcServiceRegistry()
        .AddUnary(WaitForCancel, async (request, context) =>
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            return request;
        })
        .AddUnary(Echo, (request, context) =>
        {
            lock (_deadlines)
            {
                _deadlines.Add(context.Deadline);
            }

            return Task.FromResult(request);
        }));

    [Fact]
    public async Task Expired_deadline_always_ends_the_call_with_DeadlineExceeded()
    {
        // The deadline timer and the wall clock disagree by a millisecond now and then; with the status decided by the
        // clock, a few calls in a couple of hundred ended UNKNOWN ("Exception was thrown by handler.").
        await using var server = CreateServer();
        await server.StartAsync();
        using var http = new HttpMessageInvoker(new SocketsHttpHandler());

        var statuses = new List<string>();
        for (var i = 0; i < 200; i++)
        {
            statuses.Add(await CallAsync(http, server, WaitForCancel, "10m"));
        }

        Assert.All(statuses, s => Assert.Equal("4", s));
    }

    [Theory]
    [InlineData("2400H")]       // 100 days
    [InlineData("31536000S")]   // a year, as grpc-js formats it
    [InlineData("99999999H")]   // the largest value grpc-timeout can carry
    public async Task Deadline_further_away_than_a_timer_can_wait_is_accepted(string timeout)
    {
        await using var server = CreateServer();
        await server.StartAsync();
        using var http = new HttpMessageInvoker(new SocketsHttpHandler());
        var before = DateTimeOffset.UtcNow;

        var status = await CallAsync(http, server, Echo, timeout);

        Assert.Equal("0", status);
        var deadline = Assert.Single(_deadlines);
        Assert.NotNull(deadline);
        Assert.True(deadline > before.AddDays(49), $"deadline {deadline} is not far in the future");
    }

    /// <summary>Makes one unary call with the given grpc-timeout and returns the grpc-status the server sent.</summary>
    private static async Task<string> CallAsync(HttpMessageInvoker http, GrpcServer server, GrpcMethod<Envelope, Envelope> method, string timeout)
    {
        var message = new Envelope { Payload = ByteString.CopyFromUtf8("deadline") }.ToByteArray();
        var framed = new byte[5 + message.Length];
        framed[4] = (byte)message.Length;
        message.CopyTo(framed, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, method.Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(framed),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("grpc-timeout", timeout);

        using var response = await http.SendAsync(request, CancellationToken.None);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.TryGetValues("grpc-status", out var inHeaders) ? string.Join(",", inHeaders)
            : response.TrailingHeaders.TryGetValues("grpc-status", out var inTrailers) ? string.Join(",", inTrailers)
            : "(none)";
    }
}
