using System.Text.Json;
using FabricEvidence.Protocol;
using static FabricEvidence.Conformance.Tests.Transport.ConformanceMethods;

namespace FabricEvidence.Conformance.Tests.Transport;

/// <summary>
/// The grpc-js reference client (tests/testassets/node/transport/client.js) against our <see cref="Protocol.Server.GrpcServer"/>:
/// every call kind, in plaintext, TLS and mutual TLS, with deadlines, cancellation, error details, large messages,
/// concurrency and gzip-compressed requests. client.js checks what it can see and exits non-zero on any surprise;
/// these tests assert its observations again and what our server saw in-process.
/// </summary>
public sealed class GrpcJsClientWithOurServerTests(OurServerFixture server) : IClassFixture<OurServerFixture>
{
    public static TheoryData<CallKind, Security> KindsAndSecurity()
    {
        var data = new TheoryData<CallKind, Security>();
        foreach (var kind in Enum.GetValues<CallKind>())
        {
            foreach (var security in Enum.GetValues<Security>())
            {
                data.Add(kind, security);
            }
        }

        return data;
    }

    public static TheoryData<CallKind> AllKinds => [CallKind.Unary, CallKind.ServerStreaming, CallKind.Bidi];

    [Theory]
    [MemberData(nameof(KindsAndSecurity))]
    public async Task Echo_round_trips(CallKind kind, Security security)
    {
        var observed = await RunAsync(Scenario(kind, "echo"), security);

        Assert.Equal(0, observed.GetProperty("code").GetInt32());
        Assert.Equal(security == Security.MutualTls ? TestCertificates.ClientCommonName : string.Empty, observed.GetProperty("clientCertificateCn").GetString());
        if (kind == CallKind.Unary)
        {
            Assert.Equal(10_000, observed.GetProperty("payloadLength").GetInt32());
            Assert.Equal("identity", observed.GetProperty("requestEncoding").GetString());
        }
        else
        {
            Assert.Equal(5, observed.GetProperty("responses").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Mutual_tls_server_rejects_a_client_without_a_certificate(CallKind kind)
    {
        var observed = await RunAsync(Scenario(kind, "unavailable"), Security.MutualTls, clientCertificate: false);

        Assert.Equal((int)GrpcStatusCode.Unavailable, observed.GetProperty("code").GetInt32());
        Assert.Equal(0, observed.GetProperty("received").GetInt32());
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Mutual_tls_server_rejects_a_client_certificate_from_an_unknown_ca(CallKind kind)
    {
        var observed = await RunAsync(Scenario(kind, "unavailable"), Security.MutualTls,
            certificate: (server.Certificates.UnknownClientPem, server.Certificates.UnknownClientKeyPem));

        Assert.Equal((int)GrpcStatusCode.Unavailable, observed.GetProperty("code").GetInt32());
        Assert.Equal(0, observed.GetProperty("received").GetInt32());
    }

    [Fact]
    public async Task Grpc_js_rejects_our_server_certificate_when_it_trusts_another_ca()
    {
        var observed = await RunAsync("unavailable-unary", Security.Tls, caPem: server.Certificates.UnknownCaPem);

        Assert.Equal((int)GrpcStatusCode.Unavailable, observed.GetProperty("code").GetInt32());
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Deadline_expiry_fails_with_DeadlineExceeded_and_our_server_sees_the_call_cancelled(CallKind kind)
    {
        var observed = await RunAsync(Scenario(kind, "deadline"), Security.Plaintext);

        Assert.Equal((int)GrpcStatusCode.DeadlineExceeded, observed.GetProperty("code").GetInt32());
        Assert.Equal(0, observed.GetProperty("received").GetInt32());
        var events = await server.Service.WaitForAsync(observed.GetProperty("token").GetString()!, "completed", TimeSpan.FromSeconds(5));
        Assert.Equal(["started", "cancelled", "completed"], events);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task A_deadline_a_year_away_is_accepted(CallKind kind)
    {
        // grpc-js sends grpc-timeout "31536000S", far beyond the ~49.7 days a .NET timer can wait.
        var observed = await RunAsync(Scenario(kind, "long-deadline"), Security.Plaintext);

        Assert.Equal(0, observed.GetProperty("code").GetInt32());
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Client_cancellation_mid_call_is_seen_by_our_server(CallKind kind)
    {
        var observed = await RunAsync(Scenario(kind, "cancel"), Security.Plaintext);

        Assert.Equal((int)GrpcStatusCode.Cancelled, observed.GetProperty("code").GetInt32());
        Assert.Equal(kind == CallKind.Unary ? 0 : 1, observed.GetProperty("received").GetInt32());
        var events = await server.Service.WaitForAsync(observed.GetProperty("token").GetString()!, "completed", TimeSpan.FromSeconds(5));
        Assert.Equal(["started", "cancelled", "completed"], events);
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Custom_metadata_from_grpc_js_comes_back_in_headers_and_trailers(CallKind kind)
    {
        var observed = await RunAsync(Scenario(kind, "metadata"), Security.Plaintext);

        Assert.Equal(0, observed.GetProperty("code").GetInt32());
        Assert.Equal(1, observed.GetProperty("received").GetInt32());
        Assert.Equal(["test_initial_metadata_value"], observed.GetProperty("initial").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(["ababab", "01"], observed.GetProperty("trailing").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Error_status_reaches_grpc_js_with_message_trailers_and_details(CallKind kind)
    {
        var observed = await RunAsync(Scenario(kind, "error"), Security.Plaintext);

        Assert.Equal((int)ErrorCode, observed.GetProperty("code").GetInt32());
        Assert.Equal(ErrorMessage, observed.GetProperty("details").GetString());
        Assert.Equal(kind == CallKind.Unary ? 0 : 1, observed.GetProperty("received").GetInt32());
        Assert.Equal("error-trailer", observed.GetProperty("customTrailer").GetString());
        var status = observed.GetProperty("statusDetails");
        Assert.Equal((int)ErrorCode, status.GetProperty("code").GetInt32());
        Assert.Equal(ErrorMessage, status.GetProperty("message").GetString());
        var details = status.GetProperty("details").EnumerateArray().Select(d =>
            (d.GetProperty("typeUrl").GetString(), d.GetProperty("address").GetString(), d.GetProperty("mspId").GetString(), d.GetProperty("message").GetString()));
        var expected = ErrorDetailsFor(ErrorMessage).Select(d => ((string?)ErrorDetailTypeUrl, (string?)d.Address, (string?)d.MspId, (string?)d.Message));
        Assert.Equal(expected, details);
    }

    [Fact]
    public async Task Calling_a_method_our_server_does_not_have_fails_with_Unimplemented()
    {
        var observed = await RunAsync("unimplemented-unary", Security.Plaintext);

        Assert.Equal((int)GrpcStatusCode.Unimplemented, observed.GetProperty("code").GetInt32());
        Assert.Contains("/conformance.Conformance/DoesNotExist", observed.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fifty_MiB_messages_cross_in_both_directions_intact()
    {
        var observed = await RunAsync("large-unary", Security.Plaintext);

        Assert.Equal(0, observed.GetProperty("code").GetInt32());
        Assert.Equal(LargeRequestSize, observed.GetProperty("serverSawLength").GetInt32());
        Assert.Equal(Sha256(Pattern(LargeRequestSize, offset: 1)), observed.GetProperty("serverSawSha256").GetString());
        Assert.Equal(LargeResponseSize, observed.GetProperty("responseLength").GetInt32());
        Assert.Equal(Sha256(Pattern(LargeResponseSize)), observed.GetProperty("responseSha256").GetString());
    }

    [Fact]
    public async Task Thousand_concurrent_unary_calls_from_one_grpc_js_channel_all_succeed_over_one_connection()
    {
        var observed = await RunAsync("concurrent-unary", Security.Plaintext);

        Assert.Equal(1000, observed.GetProperty("succeeded").GetInt32());
        Assert.Equal(1, observed.GetProperty("distinctPeers").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(AllKinds))]
    public async Task Gzip_compressed_requests_from_grpc_js_are_decoded(CallKind kind)
    {
        var observed = await RunAsync(Scenario(kind, "gzip"), Security.Plaintext);

        Assert.Equal(0, observed.GetProperty("code").GetInt32());
        var encoding = kind == CallKind.Bidi
            ? Assert.Single(observed.GetProperty("requestEncodings").EnumerateArray()).GetString()
            : observed.GetProperty("requestEncoding").GetString();
        Assert.Equal("gzip", encoding);
    }

    private static string Scenario(CallKind kind, string what) => kind switch
    {
        CallKind.Unary => what + "-unary",
        CallKind.ServerStreaming => what + "-server-stream",
        _ => what + "-bidi",
    };

    /// <summary>Runs a client.js scenario against our server; a failed check in client.js fails here with its report.</summary>
    private async Task<JsonElement> RunAsync(string scenario, Security security, bool clientCertificate = true, (string Cert, string Key)? certificate = null, string? caPem = null)
    {
        var args = new List<string> { "--address", $"127.0.0.1:{server.Port(security)}", "--scenario", scenario };
        if (security != Security.Plaintext)
        {
            args.AddRange(["--ca", caPem ?? server.Certificates.CaPem]);
        }

        if (security == Security.MutualTls && clientCertificate)
        {
            var (cert, key) = certificate ?? (server.Certificates.ClientPem, server.Certificates.ClientKeyPem);
            args.AddRange(["--cert", cert, "--key", key]);
        }

        var output = await NodeRunner.RunAsync("transport", "client.js", [.. args], timeout: TimeSpan.FromSeconds(90));
        using var report = JsonDocument.Parse(output);
        Assert.True(report.RootElement.GetProperty("ok").GetBoolean(), output);
        Assert.Equal(scenario, report.RootElement.GetProperty("scenario").GetString());
        return report.RootElement.GetProperty("observed").Clone();
    }
}
