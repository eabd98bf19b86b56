using System.Text;
using System.Text.Json;
using FabricEvidence.Gateway;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// The Gateway SDK's transaction flows against the real peers' Gateway service, with the sample chaincode running as
/// a service: evaluate, submit, submit without waiting and commit status, offline signing, transient data.
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class GatewayFlowTests
{
    private readonly FabricNetwork _fabric;

    public GatewayFlowTests(FabricNetwork fabric)
    {
        _fabric = fabric;
    }

    [NetworkFact]
    public async Task GetMetadata_through_each_peers_gateway_describes_the_custody_contract()
    {
        foreach (var org in new[] { 1, 2 })
        {
            await using var client = GatewayConnection.Connect(_fabric, org);

            var metadata = Evidence.Json(await client.Chaincode.EvaluateTransactionAsync("org.hyperledger.fabric:GetMetadata", []));

            var custody = metadata.GetProperty("contracts").GetProperty("custody");
            var transactions = custody.GetProperty("transactions").EnumerateArray().Select(t => t.Text("name")).ToList();
            Assert.Equal(
                new[] { "AcceptTransfer", "History", "ListByCase", "ListRange", "OfferTransfer", "Read", "ReadPrivateDetails", "Register", "VerifyDigest", "VerifyPrivateDetails" },
                transactions.Order(StringComparer.Ordinal).ToArray());
            Assert.Equal("Evidence custody", custody.GetProperty("info").Text("title"));
            Assert.True(metadata.GetProperty("components").GetProperty("schemas").TryGetProperty("EvidenceItem", out _), $"No EvidenceItem schema in {metadata}");
        }
    }

    [NetworkFact]
    public async Task Submit_commits_and_the_result_is_then_evaluated_from_both_peers()
    {
        await using var org1 = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        await using var org2 = GatewayConnection.Connect(_fabric, 2);
        var id = Evidence.NewId("submit");
        var digest = Evidence.Digest(id);

        var result = Evidence.Json(await org1.Custody.SubmitTransactionAsync("Register", [id, "case-submit", digest, "a hard disk"]));

        Assert.Equal(id, result.Text("id"));
        Assert.Equal("Org1MSP", result.Text("holder"));
        Assert.Equal("Held", result.Text("status"));
        foreach (var client in new[] { org1, org2 })
        {
            var read = Evidence.Json(await client.Custody.EvaluateTransactionAsync("Read", [id]));
            Assert.Equal(result.ToString(), read.ToString());
            Assert.Equal("true", Encoding.UTF8.GetString(await client.Custody.EvaluateTransactionAsync("VerifyDigest", [id, digest])));
            Assert.Equal("false", Encoding.UTF8.GetString(await client.Custody.EvaluateTransactionAsync("VerifyDigest", [id, Evidence.Digest("other")])));
        }
    }

    [NetworkFact]
    public async Task StartSubmit_returns_before_the_commit_and_the_commit_status_names_the_block()
    {
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var id = Evidence.NewId("async");

        var submitted = await client.Custody.StartSubmitAsync("Register", new ProposalOptions().AddArguments(id, "case-async", Evidence.Digest(id), "a phone"));
        var status = await submitted.GetStatusAsync();

        Assert.True(status.Successful, status.ToString());
        Assert.Equal(TxValidationCode.Valid, status.Code);
        Assert.Equal(submitted.TransactionId, status.TransactionId);
        Assert.Equal(64, submitted.TransactionId.Length);
        Assert.Equal(id, Evidence.Json(submitted.GetResult()).Text("id"));

        // The commit-status request, rebuilt from its bytes on another peer's Gateway, finds the same block.
        await using var other = GatewayConnection.Connect(_fabric, 2);
        var again = await other.Gateway.NewCommit(submitted.GetBytes()).GetStatusAsync();
        Assert.Equal(status.BlockNumber, again.BlockNumber);
        Assert.Equal(TxValidationCode.Valid, again.Code);

        // The ledger records the transaction as valid under that id (qscc through the Gateway).
        var processed = ProcessedTransaction.Parser.ParseFrom(
            await other.Network.GetContract("qscc").EvaluateTransactionAsync("GetTransactionByID", [_fabric.Channel, submitted.TransactionId]));
        Assert.Equal((int)TxValidationCode.Valid, processed.ValidationCode);
        var history = Evidence.Json(await other.Custody.EvaluateTransactionAsync("History", [id]));
        Assert.Equal(submitted.TransactionId, Assert.Single(history.EnumerateArray()).Text("txId"));
    }

    [NetworkFact]
    public async Task Offline_signed_transaction_commits_like_an_online_one()
    {
        var organisation = _fabric.Organisation(1);
        var credentials = Identities.LoadMspDirectory(organisation.MspId, organisation.UserMspDirectories[NetworkUser.Investigator]);
        // A gateway without a signer: every step is signed here, as a remote signer (an HSM, a phone) would.
        await using var client = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator, options => options.Signer = null);
        var contract = client.Custody;
        var id = Evidence.NewId("offline");

        var unsigned = contract.NewProposal("Register", new ProposalOptions().AddArguments(id, "case-offline", Evidence.Digest(id), "a letter"));
        var proposal = client.Gateway.NewSignedProposal(unsigned.GetBytes(), await credentials.Signer.SignAsync(unsigned.GetDigest()));
        var unsignedTransaction = await proposal.EndorseAsync();
        var transaction = client.Gateway.NewSignedTransaction(unsignedTransaction.GetBytes(), await credentials.Signer.SignAsync(unsignedTransaction.GetDigest()));
        var unsignedCommit = await transaction.SubmitAsync();
        var commit = client.Gateway.NewSignedCommit(unsignedCommit.GetBytes(), await credentials.Signer.SignAsync(unsignedCommit.GetDigest()));
        var status = await commit.GetStatusAsync();

        Assert.True(status.Successful, status.ToString());
        Assert.Equal(unsigned.TransactionId, status.TransactionId);
        await using var reader = GatewayConnection.Connect(_fabric, 2);
        Assert.Equal(id, Evidence.Json(await reader.Custody.EvaluateTransactionAsync("Read", [id])).Text("id"));
    }

    [NetworkFact]
    public async Task Transient_details_are_kept_private_with_only_their_hash_on_the_ledger()
    {
        await using var org1 = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        await using var org2 = GatewayConnection.Connect(_fabric, 2);
        var id = Evidence.NewId("private");
        var secret = "Witness-" + Guid.NewGuid().ToString("N");
        var details = Evidence.PrivateDetails(secret, "Harbour warehouse 7");

        var submitted = await org1.Custody.StartSubmitAsync("Register", new ProposalOptions()
            .AddArguments(id, "case-private", Evidence.Digest(id), "a parcel")
            .AddTransientData("details", details));
        var status = await submitted.GetStatusAsync();

        Assert.True(status.Successful, status.ToString());
        // The public record carries the SHA-256 of exactly the bytes the client sent.
        var expectedHash = Convert.ToHexStringLower(Evidence.Sha256(details));
        Assert.Equal(expectedHash, Evidence.Json(submitted.GetResult()).Text("privateDetailsHash"));
        foreach (var client in new[] { org1, org2 })
        {
            var read = Evidence.Json(await client.Custody.EvaluateTransactionAsync("ReadPrivateDetails", [id]));
            Assert.Equal(secret, read.Text("seizedFrom"));
            Assert.Equal("Harbour warehouse 7", read.Text("location"));
            Assert.Equal("true", Encoding.UTF8.GetString(await client.Custody.EvaluateTransactionAsync("VerifyPrivateDetails", [id])));
            Assert.Equal(expectedHash, Evidence.Json(await client.Custody.EvaluateTransactionAsync("Read", [id])).Text("privateDetailsHash"));
        }

        // The block itself holds no trace of the details: neither the transient input nor the private write.
        var block = FabricEvidence.Protocol.Common.Block.Parser.ParseFrom(
            await org2.Network.GetContract("qscc").EvaluateTransactionAsync("GetBlockByTxID", [_fabric.Channel, submitted.TransactionId]));
        Assert.Equal(status.BlockNumber, block.Header.Number);
        var blockBytes = Encoding.Latin1.GetString(Google.Protobuf.MessageExtensions.ToByteArray(block));
        Assert.DoesNotContain(secret, blockBytes, StringComparison.Ordinal);
        Assert.Contains(id, blockBytes, StringComparison.Ordinal);
    }
}
