using System.Text;
using FabricEvidence.Gateway.Tests.Infrastructure;
using FabricEvidence.Protocol;
using Google.Protobuf;

namespace FabricEvidence.Gateway.Tests;

public class ResilienceTests
{
    [Fact]
    public async Task Evaluate_is_retried_on_Unavailable_and_succeeds()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("Evaluate", GrpcStatusCode.Unavailable, "peer busy");
        fixture.Server.FailNext("Evaluate", GrpcStatusCode.Unavailable, "peer busy");

        var result = await fixture.Contract.EvaluateTransactionAsync("Tx");

        Assert.Equal("Tx()", Encoding.UTF8.GetString(result));
        Assert.Equal(3, fixture.Server.Calls("Evaluate"));
    }

    [Fact]
    public async Task Evaluate_gives_up_after_the_configured_retries()
    {
        await using var fixture = await GatewayFixture.StartAsync(o => o.Resilience.EvaluateMaxRetries = 1);
        for (var i = 0; i < 3; i++)
        {
            fixture.Server.FailNext("Evaluate", GrpcStatusCode.Unavailable, "down");
        }

        var ex = await Assert.ThrowsAsync<GatewayException>(() => fixture.Contract.EvaluateTransactionAsync("Tx"));

        Assert.Equal(GrpcStatusCode.Unavailable, ex.StatusCode);
        Assert.Equal(2, fixture.Server.Calls("Evaluate"));
    }

    [Theory]
    [InlineData(GrpcStatusCode.Unknown)]
    [InlineData(GrpcStatusCode.PermissionDenied)]
    [InlineData(GrpcStatusCode.DeadlineExceeded)]
    [InlineData(GrpcStatusCode.Aborted)]
    public async Task Evaluate_is_not_retried_on_other_codes(GrpcStatusCode code)
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("Evaluate", code, "no");

        await Assert.ThrowsAsync<GatewayException>(() => fixture.Contract.EvaluateTransactionAsync("Tx"));

        Assert.Equal(1, fixture.Server.Calls("Evaluate"));
    }

    [Fact]
    public async Task Endorse_is_never_retried()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("Endorse", GrpcStatusCode.Unavailable, "down");

        await Assert.ThrowsAsync<EndorseException>(() => fixture.Contract.SubmitTransactionAsync("Tx"));

        Assert.Equal(1, fixture.Server.Calls("Endorse"));
    }

    [Fact]
    public async Task Submit_retry_resends_the_same_signed_transaction()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.FailNext("Submit", GrpcStatusCode.Unavailable, "orderer unreachable");

        var result = await fixture.Contract.SubmitTransactionAsync("Tx", "a");

        Assert.Equal("Tx(a)", Encoding.UTF8.GetString(result));
        var submits = fixture.Server.SubmitRequests.ToArray();
        Assert.Equal(2, submits.Length);
        Assert.Equal(submits[0].ToByteArray(), submits[1].ToByteArray());
        Assert.Equal(1, fixture.Server.Calls("Endorse"));
    }

    [Theory]
    [InlineData(GrpcStatusCode.Unavailable)]
    [InlineData(GrpcStatusCode.DeadlineExceeded)]
    public async Task Commit_status_is_retried_on_Unavailable_and_DeadlineExceeded(GrpcStatusCode code)
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
        fixture.Server.FailNext("Evaluate", GrpcStatusCode.Unavailable, "down");
        fixture.Server.FailNext("Submit", GrpcStatusCode.Unavailable, "down");

        await Assert.ThrowsAsync<GatewayException>(() => fixture.Contract.EvaluateTransactionAsync("Tx"));
        await Assert.ThrowsAsync<SubmitException>(() => fixture.Contract.SubmitTransactionAsync("Tx"));

        Assert.Equal(1, fixture.Server.Calls("Evaluate"));
        Assert.Equal(1, fixture.Server.Calls("Submit"));
    }

    [Fact]
    public void Negative_retry_counts_are_rejected_at_connect()
    {
        var credentials = TestCredentials.Create();
        using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");

        var ex = Assert.Throws<ArgumentException>(() => Gateway.Connect(new GatewayOptions
        {
            Connection = channel,
            Identity = credentials.Identity,
            Resilience = new ResilienceOptions { SubmitMaxRetries = -1 },
        }));

        Assert.Contains("must not be negative", ex.Message, StringComparison.Ordinal);
    }
}
