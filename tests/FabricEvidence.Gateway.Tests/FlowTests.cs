using System.Text;
using FabricEvidence.Gateway.Tests.Infrastructure;
using Grpc.Core;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Gateway.Tests;

public class FlowTests
{
    [Theory]
    [InlineData(PrivateKeyAlgorithm.EcdsaP256)]
    [InlineData(PrivateKeyAlgorithm.EcdsaP384)]
    [InlineData(PrivateKeyAlgorithm.Ed25519)]
    public async Task Evaluate_returns_the_chaincode_result_and_the_peer_accepts_the_signature(PrivateKeyAlgorithm algorithm)
    {
        await using var fixture = await GatewayFixture.StartAsync(credentials: TestCredentials.Create(algorithm));

        var result = await fixture.Contract.EvaluateTransactionAsync("ReadAsset", ["asset1"]);

        Assert.Equal("ReadAsset(asset1)", Encoding.UTF8.GetString(result));
        Assert.Empty(fixture.Server.Violations);
        var request = Assert.Single(fixture.Server.EvaluateRequests);
        Assert.Equal("mychannel", request.ChannelId);
    }

    [Fact]
    public async Task Evaluate_passes_endorsing_organizations_as_target_organizations()
    {
        await using var fixture = await GatewayFixture.StartAsync();

        await fixture.Contract.EvaluateAsync("Tx", new ProposalOptions().SetEndorsingOrganizations("Org2MSP"));

        Assert.Equal(new[] { "Org2MSP" }, Assert.Single(fixture.Server.EvaluateRequests).TargetOrganizations);
    }

    [Fact]
    public async Task Evaluate_with_binary_arguments_sends_them_unchanged()
    {
        await using var fixture = await GatewayFixture.StartAsync();

        await fixture.Contract.EvaluateAsync("Tx", new ProposalOptions().AddArguments(new byte[] { 0xff, 0x00 }));

        var request = Assert.Single(fixture.Server.EvaluateRequests);
        var proposal = Proposal.Parser.ParseFrom(request.ProposedTransaction.ProposalBytes);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload).Input).ChaincodeSpec;
        Assert.Equal(new byte[] { 0xff, 0x00 }, spec.Input.Args[1].ToByteArray());
    }

    [Fact]
    public async Task Submit_endorses_submits_and_waits_for_commit_then_returns_the_result()
    {
        await using var fixture = await GatewayFixture.StartAsync();

        var result = await fixture.Contract.SubmitTransactionAsync("CreateAsset", ["asset1", "blue"]);

        Assert.Equal("CreateAsset(asset1,blue)", Encoding.UTF8.GetString(result));
        Assert.Empty(fixture.Server.Violations);
        var endorse = Assert.Single(fixture.Server.EndorseRequests);
        var submit = Assert.Single(fixture.Server.SubmitRequests);
        var status = CommitStatusRequest.Parser.ParseFrom(Assert.Single(fixture.Server.CommitStatusRequests).Request);
        Assert.Equal(endorse.TransactionId, submit.TransactionId);
        Assert.Equal(endorse.TransactionId, status.TransactionId);
        Assert.Equal("mychannel", status.ChannelId);
    }

    [Fact]
    public async Task Step_by_step_flow_exposes_result_transaction_id_and_status()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.CommitBlockNumber = 42;

        var proposal = fixture.Contract.NewProposal("Tx", new ProposalOptions().AddArguments("x"));
        var transaction = await proposal.EndorseAsync();
        var submitted = await transaction.SubmitAsync();
        var status = await submitted.GetStatusAsync();

        Assert.Equal(proposal.TransactionId, transaction.TransactionId);
        Assert.Equal(proposal.TransactionId, submitted.TransactionId);
        Assert.Equal("Tx(x)", Encoding.UTF8.GetString(transaction.GetResult()));
        Assert.Equal("Tx(x)", Encoding.UTF8.GetString(submitted.GetResult()));
        Assert.True(status.Successful);
        Assert.Equal(42UL, status.BlockNumber);
        Assert.Equal(TxValidationCode.Valid, status.Code);
        Assert.Equal(proposal.TransactionId, status.TransactionId);
    }

    [Fact]
    public async Task Start_submit_returns_before_commit_and_status_can_be_read_later()
    {
        await using var fixture = await GatewayFixture.StartAsync();

        var submitted = await fixture.Contract.StartSubmitAsync("Tx");

        Assert.Equal(0, fixture.Server.Calls("CommitStatus"));
        Assert.True((await submitted.GetStatusAsync()).Successful);
        Assert.Equal(1, fixture.Server.Calls("CommitStatus"));
    }

    [Fact]
    public async Task Invalid_commit_throws_CommitException_with_code_and_transaction_id()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.CommitCode = TxValidationCode.MvccReadConflict;

        var ex = await Assert.ThrowsAsync<CommitException>(() => fixture.Contract.SubmitTransactionAsync("Tx", []));

        var txId = Assert.Single(fixture.Server.SubmitRequests).TransactionId;
        Assert.Equal(txId, ex.TransactionId);
        Assert.Equal(TxValidationCode.MvccReadConflict, ex.Code);
        Assert.Equal($"Transaction {txId} failed to commit with status code 11 (MVCC_READ_CONFLICT)", ex.Message);
    }

    [Fact]
    public async Task Invalid_commit_from_the_step_api_is_a_status_not_an_exception()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.CommitCode = TxValidationCode.EndorsementPolicyFailure;

        var submitted = await fixture.Contract.StartSubmitAsync("Tx");
        var status = await submitted.GetStatusAsync();

        Assert.False(status.Successful);
        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, status.Code);
    }

    [Fact]
    public async Task Default_timeout_applies_and_a_per_call_timeout_overrides_it()
    {
        await using var fixture = await GatewayFixture.StartAsync(o =>
        {
            o.EvaluateTimeout = TimeSpan.FromMilliseconds(200);
            o.Resilience = ResilienceOptions.Disabled;
        });
        // Far beyond the deadline, so a busy machine cannot let the answer beat the deadline timer.
        fixture.Server.CallDelay = TimeSpan.FromSeconds(3);
        var proposal = fixture.Contract.NewProposal("Tx");

        var ex = await Assert.ThrowsAsync<EvaluateException>(() => proposal.EvaluateAsync());
        var result = await proposal.EvaluateAsync(new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.Equal("Tx()", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public async Task Per_call_headers_reach_the_server_with_the_default_timeout_still_applied()
    {
        await using var fixture = await GatewayFixture.StartAsync(o => o.EvaluateTimeout = TimeSpan.FromMilliseconds(200));
        // Far beyond the deadline, so a busy machine cannot let the answer beat the deadline timer.
        fixture.Server.CallDelay = TimeSpan.FromSeconds(3);

        var ex = await Assert.ThrowsAsync<EvaluateException>(() =>
            fixture.Contract.NewProposal("Tx").EvaluateAsync(new CallOptions(headers: new Metadata { { "x-trace", "1" } })));

        Assert.Equal(StatusCode.DeadlineExceeded, ex.StatusCode);
    }

    [Fact]
    public async Task Cancelling_the_token_throws_OperationCanceledException()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        fixture.Server.CallDelay = TimeSpan.FromSeconds(5);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Contract.EvaluateAsync("Tx", null, cts.Token));
    }

    [Fact]
    public async Task Disposed_gateway_refuses_new_work_and_leaves_the_channel_usable()
    {
        var fixture = await GatewayFixture.StartAsync();
        try
        {
            var contract = fixture.Contract;
            await fixture.Gateway.DisposeAsync();

            Assert.Throws<ObjectDisposedException>(() => contract.NewProposal("Tx"));
            Assert.Throws<ObjectDisposedException>(() => fixture.Gateway.GetNetwork("mychannel"));
            using var again = FabricGateway.Connect(fixture.Options);
            var result = await again.GetNetwork("mychannel").GetContract("basic").EvaluateTransactionAsync("Tx", []);
            Assert.Equal("Tx()", Encoding.UTF8.GetString(result));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    [Fact]
    public async Task Proposal_is_signed_once_and_reused_for_repeated_calls()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var proposal = fixture.Contract.NewProposal("Tx");

        await proposal.EvaluateAsync();
        await proposal.EvaluateAsync();

        var requests = fixture.Server.EvaluateRequests.ToArray();
        Assert.Equal(requests[0].ProposedTransaction.Signature, requests[1].ProposedTransaction.Signature);
        Assert.False(ProposedTransaction.Parser.ParseFrom(proposal.GetBytes()).Proposal.Signature.IsEmpty);
    }
}
