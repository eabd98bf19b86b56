using FabricEvidence.Gateway;
using Grpc.Core;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// Failures as the real Gateway reports them: a chaincode that refuses a proposal, a transaction endorsed by too
/// few organisations for the AND policy, and a bad evaluation; each surfaces as a typed exception that says where.
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class EndorsementFailureTests
{
    private readonly FabricNetwork _fabric;

    public EndorsementFailureTests(FabricNetwork fabric)
    {
        _fabric = fabric;
    }

    [NetworkFact]
    public async Task Proposal_the_chaincode_rejects_throws_EndorseException_naming_the_peer_and_its_organisation()
    {
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var id = Evidence.NewId("baddigest");

        var error = await Assert.ThrowsAsync<EndorseException>(() =>
            client.Custody.SubmitTransactionAsync("Register", [id, "case-bad", "NOT-A-DIGEST", "rejected"]));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal(64, error.TransactionId.Length);
        // The Gateway endorses on its own organisation's peer first and stops at that peer's refusal.
        var detail = Assert.Single(error.Details);
        Assert.Equal((_fabric.PeerAddress(1), "Org1MSP"), (detail.Address, detail.MspId));
        Assert.Contains("The digest 'NOT-A-DIGEST' is not a lowercase hex SHA-256.", detail.Message, StringComparison.Ordinal);
        Assert.Contains($"{_fabric.PeerAddress(1)} (Org1MSP)", error.ToString(), StringComparison.Ordinal);
        await Assert.ThrowsAsync<EvaluateException>(() => client.Custody.EvaluateTransactionAsync("Read", [id]));
    }

    [NetworkFact]
    public async Task Refusal_by_the_other_organisations_peer_is_reported_with_that_peers_address_and_MSP_id()
    {
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var id = Evidence.NewId("remote");

        var error = await Assert.ThrowsAsync<EndorseException>(() => client.Custody.SubmitAsync("Register",
            new ProposalOptions().AddArguments(id, "case-remote", "NOT-A-DIGEST", "rejected").SetEndorsingOrganizations("Org2MSP")));

        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        var detail = Assert.Single(error.Details);
        Assert.Equal((_fabric.PeerAddress(2), "Org2MSP"), (detail.Address, detail.MspId));
        Assert.Contains("The digest 'NOT-A-DIGEST' is not a lowercase hex SHA-256.", detail.Message, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Transaction_endorsed_by_Org1_alone_commits_as_invalid_under_the_AND_policy_and_changes_nothing()
    {
        Assert.True(
            _fabric.ChaincodePolicy == FabricNetwork.BothOrganisationsPolicy,
            $"This test needs the chaincode deployed with --policy \"{FabricNetwork.BothOrganisationsPolicy}\"; it has {_fabric.ChaincodePolicy}.");
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var id = Evidence.NewId("oneorg");
        var options = new ProposalOptions().AddArguments(id, "case-oneorg", Evidence.Digest(id), "one org").SetEndorsingOrganizations("Org1MSP");

        var submitted = await client.Custody.StartSubmitAsync("Register", options);
        var status = await submitted.GetStatusAsync();
        var error = await Assert.ThrowsAsync<CommitException>(() =>
            client.Custody.SubmitAsync("Register", new ProposalOptions().AddArguments(id, "case-oneorg", Evidence.Digest(id), "again").SetEndorsingOrganizations("Org1MSP")));

        Assert.False(status.Successful);
        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, status.Code);
        Assert.Equal(TxValidationCode.EndorsementPolicyFailure, error.Code);
        Assert.Contains("ENDORSEMENT_POLICY_FAILURE", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(submitted.TransactionId, error.TransactionId);
        // Both transactions are on the ledger, marked invalid, and neither registered anything.
        var qscc = client.Network.GetContract("qscc");
        foreach (var transactionId in new[] { submitted.TransactionId, error.TransactionId })
        {
            var processed = ProcessedTransaction.Parser.ParseFrom(await qscc.EvaluateTransactionAsync("GetTransactionByID", [_fabric.Channel, transactionId]));
            Assert.Equal((int)TxValidationCode.EndorsementPolicyFailure, processed.ValidationCode);
        }

        var read = await Assert.ThrowsAsync<EvaluateException>(() => client.Custody.EvaluateTransactionAsync("Read", [id]));
        Assert.Contains($"Evidence {id} is not registered", read.ToString(), StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Endorsing_organisation_outside_the_channel_throws_EndorseException_without_submitting()
    {
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var id = Evidence.NewId("org3");

        var error = await Assert.ThrowsAsync<EndorseException>(() => client.Custody.SubmitAsync("Register",
            new ProposalOptions().AddArguments(id, "case-org3", Evidence.Digest(id), "nobody").SetEndorsingOrganizations("Org3MSP")));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("failed to find any endorsing peers for org(s): Org3MSP", error.Message, StringComparison.Ordinal);
        Assert.Empty(error.Details);
    }

    [NetworkFact]
    public async Task Evaluating_an_unknown_transaction_throws_EvaluateException_with_the_peers_reason()
    {
        await using var client = GatewayConnection.Connect(_fabric, 2);

        var error = await Assert.ThrowsAsync<EvaluateException>(() => client.Custody.EvaluateTransactionAsync("NoSuchTransaction", []));

        // Fabric 2.5's Gateway reports a chaincode's refusal of an evaluation with status Unknown (an endorsement's with Aborted).
        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        var detail = Assert.Single(error.Details);
        Assert.Equal(_fabric.PeerAddress(2), detail.Address);
        Assert.Equal("Org2MSP", detail.MspId);
        Assert.Contains("NoSuchTransaction", detail.Message, StringComparison.Ordinal);
    }
}
