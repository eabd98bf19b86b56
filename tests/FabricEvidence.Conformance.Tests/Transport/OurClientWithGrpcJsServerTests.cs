using System.Diagnostics;
using FabricEvidence.Conformance.Tests.Transport.Messages;
using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Gateway;
using Google.Protobuf;
using static FabricEvidence.Conformance.Tests.Transport.ConformanceMethods;

namespace FabricEvidence.Conformance.Tests.Transport;

/// <summary>
/// Our client (<see cref="GrpcChannel"/>) against the grpc-js reference server: every call kind, in plaintext, TLS
/// and mutual TLS, with deadlines, cancellation, error details, large messages, concurrency and compression.
/// </summary>
public sealed class OurClientWithGrpcJsServerTests(GrpcJsServerFixture server) : IClassFixture<GrpcJsServerFixture>
{
    private static readonly GrpcCallOptions Generous = new() { Timeout = TimeSpan.FromSeconds(20) };

    public static TheoryData<Security> AllSecurity => [Security.Plaintext, Security.Tls, Security.MutualTls];

    public static TheoryData<CallKind> AllKinds => [CallKind.Unary, CallKind.ServerStreaming, CallKind.Bidi];

    [Theory]
    [MemberData(nameof(AllSecurity))]
    public async Task Unary_echo_round_trips(Security security)
    {
        using var channel = server.Channel(security);
        var payload = ByteString.CopyFrom(Pattern(10_000));

        var response = await channel.UnaryAsync(Unary, new Request { Action = "echo", Payload = payload, Id = 42 }, Generous);

        Assert.Equal(payload, response.Payload);
        Assert.Equal(Sha256(payload), response.RequestSha256);
        Assert.Equal(10_000, response.RequestLength);
        Assert.Equal(42, response.Id);
        Assert.Equal(ExpectedClientCn(security), response.ClientCertificateCn);
    }

    [Theory]
    [MemberData(nameof(AllSecurity))]
    public async Task Server_streaming_echo_delivers_every_response_in_order(Security security)
    {
        using var channel = server.Channel(security);
        var payload = ByteString.CopyFrom(Pattern(3_000));
        using var call = channel.ServerStreaming(ServerStream, new Request { Action = "echo", Payload = payload, Count = 5 }, Generous);

        var responses = new List<Response>();
        await foreach (var response in call.ReadAllAsync())
        {
            responses.Add(response);
        }

        Assert.Equal([0, 1, 2, 3, 4], responses.Select(r => r.Index));
        Assert.All(responses, r => Assert.Equal(payload, r.Payload));
        Assert.All(responses, r => Assert.Equal(ExpectedClientCn(security), r.ClientCertificateCn));
        Assert.Equal(GrpcStatusCode.OK, call.GetStatus().Code);
    }

    [Theory]
    [MemberData(nameof(AllSecurity))]
    public async Task Bidi_echo_answers_each_request_in_order(Security security)
    {
        using var channel = server.Channel(security);
        using var call = channel.DuplexStreaming(Bidi, Generous);
        var sent = Enumerable.Range(1, 5).Select(i => ByteString.CopyFrom(Pattern(i * 1000, i))).ToList();

        for (var i = 0; i < sent.Count; i++)
        {
            await call.RequestStream.WriteAsync(new Request { Action = "echo", Payload = sent[i], Id = i + 1 });
        }

        await call.RequestStream.CompleteAsync();
        var responses = new List<Response>();
        await foreach (var response in call.ReadAllAsync())
        {
            responses.Add(response);
        }

        Assert.Equal([1L, 2, 3, 4, 5], responses.Select(r => r.Id));
        Assert.Equal(sent, responses.Select(r => r.Payload));
        Assert.All(responses, r => Assert.Equal(ExpectedClientCn(security), r.ClientCertificateCn));
        Assert.Equal(GrpcStatusCode.OK, call.GetStatus().Code);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Mutual_tls_server_rejects_a_client_without_a_certificate(CallKind kind)
    {
        using var channel = server.Channel(Security.MutualTls, o => o.ClientCertificate = null);

        var ex = await CallExpectingFailureAsync(channel, kind, new Request { Action = "echo", Payload = ByteString.CopyFromUtf8("hi") });

        Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
        AssertNamesTheClientCertificate(ex.Status);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Mutual_tls_server_rejects_a_client_certificate_from_an_unknown_ca(CallKind kind)
    {
        using var channel = server.Channel(Security.MutualTls, o => o.ClientCertificate = server.Certificates.UnknownClient);

        var ex = await CallExpectingFailureAsync(channel, kind, new Request { Action = "echo", Payload = ByteString.CopyFromUtf8("hi") });

        Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
        AssertNamesTheClientCertificate(ex.Status);
    }

    [Fact]
    public async Task Tls_client_rejects_a_server_certificate_that_does_not_chain_to_its_roots()
    {
        using var channel = server.Channel(Security.Tls, o => o.RootCertificates = [server.Certificates.UnknownCa]);

        var ex = await CallExpectingFailureAsync(channel, CallKind.Unary, new Request { Action = "echo" });

        Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("TLS", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Deadline_expiry_fails_with_DeadlineExceeded_and_the_server_sees_the_call_cancelled(CallKind kind)
    {
        using var channel = server.Channel(Security.Plaintext);
        // Connect first: on a loaded machine the TCP and HTTP/2 handshakes alone could use up a short deadline
        // before the server ever sees the call, and the server's view of the cancellation is part of the test.
        await channel.UnaryAsync(ConformanceMethods.Unary, new Request { Action = "echo" });
        var token = NewToken("deadline");
        var stopwatch = Stopwatch.StartNew();

        var ex = await CallExpectingFailureAsync(channel, kind,
            new Request { Action = "sleep", SleepMs = 10_000, Token = token }, new GrpcCallOptions { Timeout = TimeSpan.FromMilliseconds(1000) });

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(9));
        var events = await ObserveAsync(channel, token, "cancelled");
        Assert.Equal(["started", "cancelled"], events);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task A_deadline_a_year_away_is_accepted(CallKind kind)
    {
        using var channel = server.Channel(Security.Plaintext);
        var options = new GrpcCallOptions { Timeout = TimeSpan.FromDays(365) };
        var payload = ByteString.CopyFromUtf8("patience");

        var responses = new List<Response>();
        switch (kind)
        {
            case CallKind.Unary:
                responses.Add(await channel.UnaryAsync(Unary, new Request { Action = "echo", Payload = payload }, options));
                break;
            case CallKind.ServerStreaming:
                using (var call = channel.ServerStreaming(ServerStream, new Request { Action = "echo", Payload = payload, Count = 1 }, options))
                {
                    await foreach (var response in call.ReadAllAsync())
                    {
                        responses.Add(response);
                    }
                }

                break;
            case CallKind.Bidi:
                using (var call = channel.DuplexStreaming(Bidi, options))
                {
                    await call.RequestStream.WriteAsync(new Request { Action = "echo", Payload = payload });
                    await call.RequestStream.CompleteAsync();
                    await foreach (var response in call.ReadAllAsync())
                    {
                        responses.Add(response);
                    }
                }

                break;
        }

        Assert.Equal(payload, Assert.Single(responses).Payload);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Client_cancellation_mid_call_is_seen_by_the_server(CallKind kind)
    {
        using var channel = server.Channel(Security.Plaintext);
        var token = NewToken("cancel");
        var request = new Request { Action = "wait-cancel", Token = token, Payload = ByteString.CopyFromUtf8("wait for me") };
        using var cts = new CancellationTokenSource();

        GrpcException? ex = null;
        switch (kind)
        {
            case CallKind.Unary:
                var pending = channel.UnaryAsync(Unary, request, Generous, cts.Token);
                // A unary call shows nothing of its progress, so ask the server when its handler is running.
                Assert.Contains("started", await ObserveAsync(channel, token, "started"));
                await cts.CancelAsync();
                ex = await Assert.ThrowsAsync<GrpcException>(() => pending);
                break;
            case CallKind.ServerStreaming:
                using (var call = channel.ServerStreaming(ServerStream, request, Generous, cts.Token))
                {
                    var received = 0;
                    ex = await Assert.ThrowsAsync<GrpcException>(async () =>
                    {
                        await foreach (var _ in call.ReadAllAsync())
                        {
                            received++;
                            await cts.CancelAsync();
                        }
                    });
                    Assert.Equal(1, received);
                }

                break;
            case CallKind.Bidi:
                var bidi = channel.DuplexStreaming(Bidi, Generous);
                await bidi.RequestStream.WriteAsync(request);
                await using (var responses = bidi.ReadAllAsync().GetAsyncEnumerator())
                {
                    Assert.True(await responses.MoveNextAsync());
                    // Disposing a call that is still in progress is how a caller abandons it.
                    bidi.Dispose();
                    ex = await Assert.ThrowsAsync<GrpcException>(async () => await responses.MoveNextAsync());
                }

                break;
        }

        Assert.Equal(GrpcStatusCode.Cancelled, ex!.StatusCode);
        Assert.Equal(["started", "cancelled"], await ObserveAsync(channel, token, "cancelled"));
    }

    [Theory]
    [InlineData(CallKind.ServerStreaming)]
    [InlineData(CallKind.Bidi)]
    public async Task Custom_metadata_reaches_the_server_and_comes_back_in_headers_and_trailers(CallKind kind)
    {
        // UnaryAsync returns only the response message, so unary response metadata cannot be read; streaming calls cover it.
        using var channel = server.Channel(Security.Plaintext);
        var headers = new GrpcMetadata()
            .Add(EchoInitialKey, "test_initial_metadata_value")
            .Add(EchoTrailingKey, [0xab, 0xab, 0xab])
            .Add(EchoTrailingKey, [0x01]);
        var options = new GrpcCallOptions { Timeout = TimeSpan.FromSeconds(20), Headers = headers };
        var request = new Request { Action = "metadata", Payload = ByteString.CopyFromUtf8("with metadata"), Count = 1 };

        var responses = new List<Response>();
        GrpcMetadata responseHeaders;
        GrpcMetadata trailers;
        if (kind == CallKind.ServerStreaming)
        {
            using var call = channel.ServerStreaming(ServerStream, request, options);
            await foreach (var response in call.ReadAllAsync())
            {
                responses.Add(response);
            }

            (responseHeaders, trailers) = (await call.ResponseHeadersAsync, call.GetTrailers());
        }
        else
        {
            using var call = channel.DuplexStreaming(Bidi, options);
            await call.RequestStream.WriteAsync(request);
            await call.RequestStream.CompleteAsync();
            await foreach (var response in call.ReadAllAsync())
            {
                responses.Add(response);
            }

            (responseHeaders, trailers) = (await call.ResponseHeadersAsync, call.GetTrailers());
        }

        Assert.Single(responses);
        Assert.Equal(["test_initial_metadata_value"], responseHeaders.Where(e => e.Key == EchoInitialKey).Select(e => e.Value));
        Assert.Equal(["ababab", "01"], trailers.Where(e => e.Key == EchoTrailingKey).Select(e => Convert.ToHexStringLower(e.ValueBytes)));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Error_status_carries_code_message_trailers_and_ErrorDetails(CallKind kind)
    {
        using var channel = server.Channel(Security.Plaintext);
        var received = new List<Response>();

        var ex = await CallExpectingFailureAsync(channel, kind,
            new Request { Action = "error", StatusCode = (int)ErrorCode, StatusMessage = ErrorMessage, Payload = ByteString.CopyFromUtf8("before") },
            Generous, received);

        Assert.Equal(ErrorCode, ex.StatusCode);
        Assert.Equal(ErrorMessage, ex.Status.Detail);
        Assert.Equal(kind == CallKind.Unary ? 0 : 1, received.Count);
        Assert.Equal("error-trailer", ex.Trailers.GetValue("x-conformance"));
        var rich = Assert.IsType<Protocol.Rpc.Status>(ex.Status.RichStatus);
        Assert.Equal((int)ErrorCode, rich.Code);
        Assert.Equal(ErrorMessage, rich.Message);
        Assert.All(rich.Details, any => Assert.Equal(ErrorDetailTypeUrl, any.TypeUrl));
        Assert.Equal(ErrorDetailsFor(ErrorMessage), ex.Status.GetDetails<ErrorDetail>());
    }

    [Fact]
    public async Task Writing_to_a_bidi_call_the_server_has_ended_reports_the_calls_status()
    {
        using var channel = server.Channel(Security.Plaintext);
        using var call = channel.DuplexStreaming(Bidi, Generous);
        await call.RequestStream.WriteAsync(new Request { Action = "error", StatusCode = (int)ErrorCode, StatusMessage = ErrorMessage });
        var ended = await Assert.ThrowsAsync<GrpcException>(async () =>
        {
            await foreach (var _ in call.ReadAllAsync())
            {
            }
        });

        var ex = await Assert.ThrowsAsync<GrpcException>(() => call.RequestStream.WriteAsync(new Request { Action = "echo" }));

        Assert.Equal(ErrorCode, ended.StatusCode);
        Assert.Equal(ErrorCode, ex.StatusCode);
        Assert.Equal(ErrorMessage, ex.Status.Detail);
    }

    [Fact]
    public async Task Calling_a_method_the_server_does_not_have_fails_with_Unimplemented()
    {
        using var channel = server.Channel(Security.Plaintext);
        const string Path = "/conformance.Conformance/DoesNotExist";

        var ex = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(GrpcMethod.Unary<Request, Response>(Path), new Request(), Generous));

        Assert.Equal(GrpcStatusCode.Unimplemented, ex.StatusCode);
        Assert.Contains(Path, ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_MiB_messages_cross_in_both_directions_intact()
    {
        using var channel = server.Channel(Security.Plaintext);
        // Offset so the request is not the server's pattern: an echo would not pass for the generated response.
        var payload = Pattern(LargeRequestSize, offset: 1);

        var response = await channel.UnaryAsync(Unary,
            new Request { Action = "large", Payload = ByteString.CopyFrom(payload), ResponseSize = LargeResponseSize },
            new GrpcCallOptions { Timeout = TimeSpan.FromSeconds(60) });

        Assert.Equal(LargeRequestSize, response.RequestLength);
        Assert.Equal(Sha256(payload), response.RequestSha256);
        Assert.Equal(LargeResponseSize, response.Payload.Length);
        Assert.Equal(Sha256(Pattern(LargeResponseSize)), Sha256(response.Payload));
    }

    [Fact]
    public async Task Thousand_concurrent_unary_calls_on_one_channel_all_succeed_over_one_connection()
    {
        using var channel = server.Channel(Security.Plaintext);
        var options = new GrpcCallOptions { Timeout = TimeSpan.FromSeconds(60) };

        var calls = Enumerable.Range(0, 1000).Select(async i =>
        {
            var payload = ByteString.CopyFromUtf8(string.Concat(Enumerable.Repeat($"request {i} ", 1 + (i % 7))));
            var response = await channel.UnaryAsync(Unary, new Request { Action = "echo", Payload = payload, Id = i }, options);
            return (i, payload, response);
        }).ToList();
        var results = await Task.WhenAll(calls);

        Assert.All(results, r =>
        {
            Assert.Equal(r.i, r.response.Id);
            Assert.Equal(r.payload, r.response.Payload);
        });
        Assert.Single(results.Select(r => r.response.Peer).Distinct());
    }

    [Fact]
    public async Task Gzip_compressed_unary_response_is_decoded()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.GzipPort}");
        var payload = Compressible(256 * 1024);

        var response = await channel.UnaryAsync(CompressedUnary, payload, Generous);

        Assert.Equal(payload, response);
    }

    [Fact]
    public async Task Gzip_compressed_server_streaming_responses_are_decoded()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.GzipPort}");
        var payload = Compressible(64 * 1024);
        using var call = channel.ServerStreaming(CompressedServerStream, payload, Generous);

        var responses = new List<byte[]>();
        await foreach (var response in call.ReadAllAsync())
        {
            responses.Add(response);
        }

        Assert.Equal("gzip", (await call.ResponseHeadersAsync).GetValue("grpc-encoding"));
        Assert.Equal(3, responses.Count);
        Assert.All(responses, r => Assert.Equal(payload, r));
    }

    [Fact]
    public async Task Gzip_compressed_bidi_responses_are_decoded()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{server.GzipPort}");
        using var call = channel.DuplexStreaming(CompressedBidi, Generous);
        var sent = Enumerable.Range(1, 5).Select(i => Compressible(i * 20_000)).ToList();

        var responses = new List<byte[]>();
        foreach (var payload in sent)
        {
            // Lock-step: each compressed answer is read before the next request goes out.
            await call.RequestStream.WriteAsync(payload);
            await using var reader = call.ReadAllAsync().GetAsyncEnumerator();
            Assert.True(await reader.MoveNextAsync());
            responses.Add(reader.Current);
        }

        await call.RequestStream.CompleteAsync();
        await foreach (var extra in call.ReadAllAsync())
        {
            responses.Add(extra);
        }

        Assert.Equal("gzip", (await call.ResponseHeadersAsync).GetValue("grpc-encoding"));
        Assert.Equal(sent, responses);
        Assert.Equal(GrpcStatusCode.OK, call.GetStatus().Code);
    }

    /// <summary>The server sees our client certificate only under mutual TLS.</summary>
    private static string ExpectedClientCn(Security security) => security == Security.MutualTls ? TestCertificates.ClientCommonName : string.Empty;

    /// <summary>
    /// A rejected client certificate shows on the client only as a closed connection (TLS 1.3 checks it after the
    /// client's handshake is done), so the status must point at the certificate rather than at a disposed stream.
    /// </summary>
    private static void AssertNamesTheClientCertificate(GrpcStatus status)
    {
        Assert.DoesNotContain("disposed", status.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("ClientCertificate", status.Detail, StringComparison.Ordinal);
    }

    private static async Task<string[]> ObserveAsync(GrpcChannel channel, string token, string eventName)
    {
        var response = await channel.UnaryAsync(Observe, new ObserveRequest { Token = token, Event = eventName, WaitMs = 5000 }, Generous);
        return [.. response.Events];
    }

    /// <summary>Runs one call of <paramref name="kind"/> that must fail; responses before the failure go to <paramref name="received"/>.</summary>
    private static async Task<GrpcException> CallExpectingFailureAsync(GrpcChannel channel, CallKind kind, Request request, GrpcCallOptions? options = null, List<Response>? received = null)
    {
        options ??= Generous;
        received ??= [];
        return await Assert.ThrowsAsync<GrpcException>(async () =>
        {
            switch (kind)
            {
                case CallKind.Unary:
                    received.Add(await channel.UnaryAsync(Unary, request, options));
                    break;
                case CallKind.ServerStreaming:
                    using (var call = channel.ServerStreaming(ServerStream, request, options))
                    {
                        await foreach (var response in call.ReadAllAsync())
                        {
                            received.Add(response);
                        }
                    }

                    break;
                case CallKind.Bidi:
                    using (var call = channel.DuplexStreaming(Bidi, options))
                    {
                        // Requests stay open: the server, not the end of the requests, must end the call.
                        await call.RequestStream.WriteAsync(request);
                        await foreach (var response in call.ReadAllAsync())
                        {
                            received.Add(response);
                        }
                    }

                    break;
            }
        });
    }
}

/// <summary>The three kinds of gRPC call the scenarios cover.</summary>
public enum CallKind
{
    Unary,
    ServerStreaming,
    Bidi,
}
