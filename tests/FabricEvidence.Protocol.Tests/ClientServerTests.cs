using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Server;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using static FabricEvidence.Protocol.Tests.TestMethods;

namespace FabricEvidence.Protocol.Tests;

/// <summary>Our client against our server: every call kind and every way a call can end.</summary>
public class ClientServerTests
{
    private static GrpcServiceRegistry EchoRegistry() => new GrpcServiceRegistry()
        .AddUnary(Unary, (request, _) => Task.FromResult(request))
        .AddServerStreaming(ServerStream, async (request, responses, _) =>
        {
            var count = int.Parse(request.Text(), System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 0; i < count; i++)
            {
                await responses.WriteAsync(Message($"item {i}"));
            }
        })
        .AddDuplexStreaming(Duplex, async (requests, responses, _) =>
        {
            await foreach (var request in requests)
            {
                await responses.WriteAsync(Message("echo " + request.Text()));
            }
        });

    [Fact]
    public async Task Unary_call_returns_the_handler_response()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry());

        var response = await test.Channel.UnaryAsync(Unary, Message("hello"));

        Assert.Equal("hello", response.Text());
    }

    [Fact]
    public async Task Server_streaming_delivers_every_message_in_order_then_OK()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry());

        using var call = test.Channel.ServerStreaming(ServerStream, Message("250"));
        var received = new List<string>();
        await foreach (var message in call.ReadAllAsync())
        {
            received.Add(message.Text());
        }

        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"item {i}"), received);
        Assert.Equal(GrpcStatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Duplex_streaming_interleaves_requests_and_responses()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry());

        using var call = test.Channel.DuplexStreaming(Duplex);
        await using var responses = call.ReadAllAsync().GetAsyncEnumerator();
        for (var i = 0; i < 20; i++)
        {
            // Each response must arrive before the next request is sent: true duplex, not buffered.
            await call.RequestStream.WriteAsync(Message($"m{i}"));
            Assert.True(await responses.MoveNextAsync());
            Assert.Equal($"echo m{i}", responses.Current.Text());
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await responses.MoveNextAsync());
        Assert.Equal(GrpcStatusCode.OK, call.GetStatus().Code);
    }

    [Fact]
    public async Task Handler_status_with_rich_details_reaches_the_client()
    {
        var detail = new Gateway.ErrorDetail { Address = "peer0.org1:7051", MspId = "Org1MSP", Message = "chaincode response 500, boom" };
        var rich = new Rpc.Status { Code = (int)GrpcStatusCode.Aborted, Message = "failed to endorse" };
        rich.Details.Add(Any.Pack(detail));
        var registry = new GrpcServiceRegistry().AddUnary(Unary, (_, ctx) =>
        {
            ctx.ResponseTrailers.Add("x-trace", "abc");
            throw new GrpcException(new GrpcStatus(GrpcStatusCode.Aborted, "failed to endorse: 100% ünïcode", rich));
        });
        await using var test = await TestServer.StartAsync(registry);

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, Message("x")));

        Assert.Equal(GrpcStatusCode.Aborted, ex.StatusCode);
        Assert.Equal("failed to endorse: 100% ünïcode", ex.Status.Detail);
        var details = ex.Status.GetDetails<Gateway.ErrorDetail>();
        Assert.Equal(detail, Assert.Single(details));
        Assert.Equal("abc", ex.Trailers.GetValue("x-trace"));
    }

    [Fact]
    public async Task Request_metadata_reaches_the_handler_and_trailers_come_back()
    {
        var registry = new GrpcServiceRegistry().AddUnary(Unary, (request, ctx) =>
        {
            ctx.ResponseTrailers.Add("echo-text", ctx.RequestHeaders.GetValue("x-text") ?? "missing");
            ctx.ResponseTrailers.Add("echo-bin", ctx.RequestHeaders.GetValueBytes("x-data-bin") ?? Array.Empty<byte>());
            return Task.FromResult(request);
        });
        await using var test = await TestServer.StartAsync(registry);
        var headers = new GrpcMetadata().Add("x-text", "value 1").Add("x-data-bin", new byte[] { 0, 1, 2, 255 });

        using var call = test.Channel.ServerStreaming(GrpcMethod.ServerStreaming<Envelope, Envelope>("/test.Echo/Unary"), Message("x"), new GrpcCallOptions { Headers = headers });
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Task.FromResult(test.Channel.ServerStreaming(Unary, Message("x"))));
        Assert.Contains("Unary, not ServerStreaming", ex.Message);

        // A unary method invoked through the streaming API still works on the wire: read its one response and trailers.
        var messages = new List<Envelope>();
        await foreach (var m in call.ReadAllAsync())
        {
            messages.Add(m);
        }

        Assert.Single(messages);
        Assert.Equal("value 1", call.GetTrailers().GetValue("echo-text"));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, call.GetTrailers().GetValueBytes("echo-bin"));
    }

    [Fact]
    public async Task Deadline_expiry_fails_the_call_and_cancels_the_handler()
    {
        var handlerCancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new GrpcServiceRegistry().AddUnary(Unary, async (request, ctx) =>
        {
            Assert.NotNull(ctx.Deadline);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ctx.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                handlerCancelled.TrySetResult(true);
                throw;
            }

            return request;
        });
        await using var test = await TestServer.StartAsync(registry);
        // The handler must start for it to be cancelled: give the call time to arrive even on a loaded machine.
        var ex = await Assert.ThrowsAsync<GrpcException>(() =>
            test.Channel.UnaryAsync(Unary, Message("slow"), new GrpcCallOptions { Timeout = TimeSpan.FromMilliseconds(1000) }));

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(await handlerCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Deadline_already_passed_fails_without_sending()
    {
        var calls = 0;
        var registry = new GrpcServiceRegistry().AddUnary(Unary, (request, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(request);
        });
        await using var test = await TestServer.StartAsync(registry);

        var ex = await Assert.ThrowsAsync<GrpcException>(() =>
            test.Channel.UnaryAsync(Unary, Message("late"), new GrpcCallOptions { Deadline = DateTimeOffset.UtcNow.AddSeconds(-1) }));

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Client_cancellation_mid_stream_reaches_the_server()
    {
        var serverSawCancel = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new GrpcServiceRegistry().AddServerStreaming(ServerStream, async (request, responses, ctx) =>
        {
            try
            {
                for (var i = 0; ; i++)
                {
                    await responses.WriteAsync(Message($"tick {i}"), ctx.CancellationToken);
                    await Task.Delay(10, ctx.CancellationToken);
                }
            }
            catch (Exception) when (ctx.CancellationToken.IsCancellationRequested)
            {
                serverSawCancel.TrySetResult(true);
                throw;
            }
        });
        await using var test = await TestServer.StartAsync(registry);
        using var cts = new CancellationTokenSource();

        using var call = test.Channel.ServerStreaming(ServerStream, Message("go"), cancellationToken: cts.Token);
        var received = 0;
        var ex = await Assert.ThrowsAsync<GrpcException>(async () =>
        {
            await foreach (var message in call.ReadAllAsync())
            {
                if (++received == 3)
                {
                    cts.Cancel();
                }
            }
        });

        Assert.Equal(GrpcStatusCode.Cancelled, ex.StatusCode);
        Assert.True(await serverSawCancel.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Disposing_a_duplex_call_cancels_it_on_the_server()
    {
        var serverSawCancel = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new GrpcServiceRegistry().AddDuplexStreaming(Duplex, async (requests, _, ctx) =>
        {
            try
            {
                await foreach (var request in requests)
                {
                }
            }
            catch (Exception)
            {
                serverSawCancel.TrySetResult(ctx.CancellationToken.IsCancellationRequested);
                throw;
            }
        });
        await using var test = await TestServer.StartAsync(registry);

        var call = test.Channel.DuplexStreaming(Duplex);
        await call.RequestStream.WriteAsync(Message("one"));
        await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(1)).ContinueWith(_ => { }, TaskScheduler.Default);
        call.Dispose();

        Assert.True(await serverSawCancel.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(GrpcStatusCode.Cancelled, call.GetStatus().Code);
    }

    [Fact]
    public async Task Server_cancellation_of_a_stream_reaches_the_client_as_its_status()
    {
        var registry = new GrpcServiceRegistry().AddDuplexStreaming(Duplex, async (requests, responses, _) =>
        {
            await foreach (var request in requests)
            {
                await responses.WriteAsync(request);
                throw new GrpcException(GrpcStatusCode.Cancelled, "server gave up");
            }
        });
        await using var test = await TestServer.StartAsync(registry);

        using var call = test.Channel.DuplexStreaming(Duplex);
        await call.RequestStream.WriteAsync(Message("one"));
        var ex = await Assert.ThrowsAsync<GrpcException>(async () =>
        {
            await foreach (var _ in call.ReadAllAsync())
            {
            }
        });

        Assert.Equal(GrpcStatusCode.Cancelled, ex.StatusCode);
        Assert.Equal("server gave up", ex.Status.Detail);
        // Writing after the call ended reports the call's end, never hangs.
        await Assert.ThrowsAnyAsync<Exception>(() => call.RequestStream.WriteAsync(Message("two")).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_thousand_concurrent_calls_share_one_channel()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry());

        var calls = Enumerable.Range(0, 1000).Select(async i =>
        {
            var response = await test.Channel.UnaryAsync(Unary, Message($"n{i}"));
            return response.Text() == $"n{i}";
        });
        var results = await Task.WhenAll(calls);

        Assert.All(results, Assert.True);
    }

    [Fact]
    public async Task Messages_of_50_MiB_travel_both_ways_intact()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry());
        var payload = new byte[50 * 1024 * 1024];
        new Random(42).NextBytes(payload);

        var response = await test.Channel.UnaryAsync(Unary, new Envelope { Payload = ByteString.CopyFrom(payload) });

        Assert.True(response.Payload.Span.SequenceEqual(payload));
    }

    [Fact]
    public async Task Sending_more_than_the_send_limit_fails_locally_with_ResourceExhausted()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry(), channelOptions: new GrpcChannelOptions { MaxSendMessageSize = 1024 });

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, new Envelope { Payload = ByteString.CopyFrom(new byte[2048]) }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("2051 > 1024", ex.Status.Detail);
    }

    [Fact]
    public async Task Receiving_more_than_the_receive_limit_fails_with_ResourceExhausted()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry(), channelOptions: new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, new Envelope { Payload = ByteString.CopyFrom(new byte[900]) }.Also(e => e.Signature = ByteString.CopyFrom(new byte[900]))));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Server_rejects_a_request_above_its_receive_limit()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry(), new GrpcServerOptions { MaxReceiveMessageSize = 1024 });

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, new Envelope { Payload = ByteString.CopyFrom(new byte[4096]) }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, ex.StatusCode);
        Assert.Contains("maximum configured message size", ex.Status.Detail);
    }

    [Fact]
    public async Task Unreachable_server_is_Unavailable()
    {
        var port = FreePort();
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");

        var ex = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Unary, Message("x")));

        Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", ex.Status.Detail);
    }

    [Fact]
    public async Task Tls_with_a_given_root_succeeds()
    {
        using var certs = TestCertificates.Create();
        await using var test = await TestServer.StartAsync(
            EchoRegistry(),
            new GrpcServerOptions { Certificate = certs.Server },
            new GrpcChannelOptions { RootCertificates = new X509Certificate2Collection(certs.Ca) });

        Assert.Equal("https", test.Server.Address.Scheme);
        var response = await test.Channel.UnaryAsync(Unary, Message("secure"));

        Assert.Equal("secure", response.Text());
    }

    [Fact]
    public async Task Tls_with_an_untrusted_server_certificate_is_Unavailable()
    {
        using var serverCerts = TestCertificates.Create();
        using var otherCa = TestCertificates.Create();
        await using var test = await TestServer.StartAsync(
            EchoRegistry(),
            new GrpcServerOptions { Certificate = serverCerts.Server },
            new GrpcChannelOptions { RootCertificates = new X509Certificate2Collection(otherCa.Ca) });

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, Message("x")));

        Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Server_name_override_checks_the_certificate_against_the_override()
    {
        using var certs = TestCertificates.Create(serverName: "peer0.org1.example.com");
        var server = new GrpcServer(EchoRegistry(), new GrpcServerOptions { Certificate = certs.Server });
        await server.StartAsync();
        await using (server)
        {
            // 127.0.0.1 is in the certificate's SAN too, so connect by "localhost", which is not.
            var address = $"https://localhost:{server.Port}";
            using var good = GrpcChannel.ForAddress(address, new GrpcChannelOptions { RootCertificates = new X509Certificate2Collection(certs.Ca), ServerNameOverride = "peer0.org1.example.com" });
            using var bad = GrpcChannel.ForAddress(address, new GrpcChannelOptions { RootCertificates = new X509Certificate2Collection(certs.Ca), ServerNameOverride = "peer1.org1.example.com" });

            Assert.Equal("ok", (await good.UnaryAsync(Unary, Message("ok"))).Text());
            var ex = await Assert.ThrowsAsync<GrpcException>(() => bad.UnaryAsync(Unary, Message("x")));
            Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
        }
    }

    [Fact]
    public async Task Mutual_tls_accepts_a_client_certificate_from_the_trusted_ca_and_exposes_it()
    {
        using var certs = TestCertificates.Create();
        var registry = new GrpcServiceRegistry().AddUnary(Unary, (_, ctx) => Task.FromResult(Message(ctx.ClientCertificate?.Subject ?? "none")));
        await using var test = await TestServer.StartAsync(
            registry,
            new GrpcServerOptions { Certificate = certs.Server, ClientCertificateAuthorities = new X509Certificate2Collection(certs.Ca) },
            new GrpcChannelOptions { RootCertificates = new X509Certificate2Collection(certs.Ca), ClientCertificate = certs.Client });

        var response = await test.Channel.UnaryAsync(Unary, Message("x"));

        Assert.Equal(certs.Client.Subject, response.Text());
    }

    [Fact]
    public async Task Mutual_tls_rejects_a_client_without_a_certificate()
    {
        using var certs = TestCertificates.Create();
        await using var test = await TestServer.StartAsync(
            EchoRegistry(),
            new GrpcServerOptions { Certificate = certs.Server, ClientCertificateAuthorities = new X509Certificate2Collection(certs.Ca) },
            new GrpcChannelOptions { RootCertificates = new X509Certificate2Collection(certs.Ca) });

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, Message("x")));

        Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Mutual_tls_rejects_a_client_certificate_from_another_ca()
    {
        using var certs = TestCertificates.Create();
        using var stranger = TestCertificates.Create();
        await using var test = await TestServer.StartAsync(
            EchoRegistry(),
            new GrpcServerOptions { Certificate = certs.Server, ClientCertificateAuthorities = new X509Certificate2Collection(certs.Ca) },
            new GrpcChannelOptions { RootCertificates = new X509Certificate2Collection(certs.Ca), ClientCertificate = stranger.Client });

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, Message("x")));

        Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public async Task Unhandled_handler_exception_is_Unknown_without_leaking_details_by_default()
    {
        var registry = new GrpcServiceRegistry().AddUnary<Envelope, Envelope>(Unary, (_, _) => throw new InvalidOperationException("secret internals"));
        await using var test = await TestServer.StartAsync(registry);

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, Message("x")));

        Assert.Equal(GrpcStatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Status.Detail);
    }

    [Fact]
    public async Task Unhandled_handler_exception_is_described_when_detailed_errors_are_on()
    {
        var registry = new GrpcServiceRegistry().AddUnary<Envelope, Envelope>(Unary, (_, _) => throw new InvalidOperationException("what broke"));
        await using var test = await TestServer.StartAsync(registry, new GrpcServerOptions { EnableDetailedErrors = true });

        var ex = await Assert.ThrowsAsync<GrpcException>(() => test.Channel.UnaryAsync(Unary, Message("x")));

        Assert.Contains("InvalidOperationException: what broke", ex.Status.Detail);
    }

    [Fact]
    public async Task The_server_keeps_serving_after_a_connection_drops()
    {
        await using var test = await TestServer.StartAsync(EchoRegistry());
        using (var first = GrpcChannel.ForAddress(test.Server.Address))
        {
            using var call = first.DuplexStreaming(Duplex);
            await call.RequestStream.WriteAsync(Message("a"));
        }

        using var second = GrpcChannel.ForAddress(test.Server.Address);
        Assert.Equal("again", (await second.UnaryAsync(Unary, Message("again"))).Text());
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
