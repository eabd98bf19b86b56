using System.Text;
using FabricEvidence.Gateway.Tests.Infrastructure;
using Grpc.Core;
using Google.Protobuf;

namespace FabricEvidence.Gateway.Tests;

public class ResilienceTests
{
    [Fact]
    public async Task Evaluate_is_retried_on_Unavailable_and_succeeds()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("Evaluate", StatusCode.Unavailable, "peer busy");
        fixture.Server.FailNext("Evaluate", StatusCode.Unavailable, "peer busy");

        var result = await fixture.Contract.EvaluateTransactionAsync("Tx", []);

        Assert.Equal("Tx()", Encoding.UTF8.GetString(result));
        Assert.Equal(3, fixture.Server.Calls("Evaluate"));
    }

    [Fact]
    public async Task Evaluate_gives_up_after_the_configured_retries()
    {
        await using var fixture = await GatewayFixture.StartAsync(o => o.Resilience.EvaluateMaxRetries = 1);
        for (var i = 0; i < 3; i++)
        {
            fixture.Server.FailNext("Evaluate", StatusCode.Unavailable, "down");
        }

        var ex = await Assert.ThrowsAsync<EvaluateException>(() => fixture.Contract.EvaluateTransactionAsync("Tx", []));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(2, fixture.Server.Calls("Evaluate"));
    }

    [Theory]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.DeadlineExceeded)]
    [InlineData(StatusCode.Aborted)]
    public async Task Evaluate_is_not_retried_on_other_codes(StatusCode code)
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("Evaluate", code, "no");

        await Assert.ThrowsAsync<EvaluateException>(() => fixture.Contract.EvaluateTransactionAsync("Tx", []));

        Assert.Equal(1, fixture.Server.Calls("Evaluate"));
    }

    [Fact]
    public async Task Endorse_is_never_retried()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("Endorse", StatusCode.Unavailable, "down");

        await Assert.ThrowsAsync<EndorseException>(() => fixture.Contract.SubmitTransactionAsync("Tx", []));

        Assert.Equal(1, fixture.Server.Calls("Endorse"));
    }

    [Fact]
    public async Task Submit_retry_resends_the_same_signed_transaction()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("Submit", StatusCode.Unavailable, "orderer unreachable");

        var result = await fixture.Contract.SubmitTransactionAsync("Tx", ["a"]);

        Assert.Equal("Tx(a)", Encoding.UTF8.GetString(result));
        var submits = fixture.Server.SubmitRequests.ToArray();
        Assert.Equal(2, submits.Length);
        Assert.Equal(submits[0].ToByteArray(), submits[1].ToByteArray());
        Assert.Equal(1, fixture.Server.Calls("Endorse"));
    }

    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task Commit_status_is_retried_on_Unavailable_and_DeadlineExceeded(StatusCode code)
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("CommitStatus", code, "not yet");

        var submitted = await fixture.Contract.StartSubmitAsync("Tx");
        var status = await submitted.GetStatusAsync();

        Assert.True(status.Successful);
        Assert.Equal(2, fixture.Server.Calls("CommitStatus"));
    }

    [Fact]
    public async Task Disabled_resilience_makes_exactly_one_attempt_everywhere()
    {
        await using var fixture = await GatewayFixture.StartAsync(o => o.Resilience = ResilienceOptions.Disabled);
        fixture.Server.FailNext("Evaluate", StatusCode.Unavailable, "down");
        fixture.Server.FailNext("Submit", StatusCode.Unavailable, "down");

        await Assert.ThrowsAsync<EvaluateException>(() => fixture.Contract.EvaluateTransactionAsync("Tx", []));
        await Assert.ThrowsAsync<SubmitException>(() => fixture.Contract.SubmitTransactionAsync("Tx", []));

        Assert.Equal(1, fixture.Server.Calls("Evaluate"));
        Assert.Equal(1, fixture.Server.Calls("Submit"));
    }

    [Fact]
    public async Task Commit_status_timeout_bounds_the_whole_step_retries_included()
    {
        await using var fixture = await GatewayFixture.StartAsync(o =>
        {
            o.CommitStatusTimeout = TimeSpan.FromMilliseconds(400);
            o.Resilience = new ResilienceOptions { CommitStatusMaxRetries = 100, InitialDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) };
        });
        // Each attempt takes at least 300 ms and fails: within a 400 ms budget there is room for two at most,
        // whereas a per-attempt timeout would make all 101.
        fixture.Server.CallDelay = TimeSpan.FromMilliseconds(300);
        for (var i = 0; i < 101; i++)
        {
            fixture.Server.FailNext("CommitStatus", StatusCode.Unavailable, "peer busy");
        }

        var submitted = await fixture.Contract.StartSubmitAsync("Tx");
        var ex = await Assert.ThrowsAsync<CommitStatusException>(() => submitted.GetStatusAsync());

        Assert.InRange(fixture.Server.Calls("CommitStatus"), 1, 2);
        Assert.Contains(ex.StatusCode, new[] { StatusCode.Unavailable, StatusCode.DeadlineExceeded });
    }

    [Fact]
    public void Negative_retry_counts_are_rejected_at_connect()
    {
        var credentials = TestCredentials.Create();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:1");

        var ex = Assert.Throws<ArgumentException>(() => FabricGateway.Connect(new GatewayOptions
        {
            Channel = channel,
            Identity = credentials.Identity,
            Resilience = new ResilienceOptions { SubmitMaxRetries = -1 },
        }));

        Assert.Contains("must not be negative", ex.Message, StringComparison.Ordinal);
    }
}
