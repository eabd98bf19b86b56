using System.Text.Json;
using FabricEvidence.Gateway;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// The evidence-custody sample contract's main flows, deployed as chaincode-as-a-service on real peers and driven
/// through the Gateway SDK by users whose certificates carry Fabric CA attributes.
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class SampleContractTests
{
    private readonly FabricNetwork _fabric;

    public SampleContractTests(FabricNetwork fabric)
    {
        _fabric = fabric;
    }

    [NetworkFact]
    public async Task Custody_moves_from_Org1_to_Org2_by_offer_and_acceptance_and_the_history_records_each_step()
    {
        await using var investigator = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        await using var holder = GatewayConnection.Connect(_fabric, 1);
        await using var custodian = GatewayConnection.Connect(_fabric, 2, NetworkUser.Custodian);
        var id = Evidence.NewId("custody");

        var register = await investigator.Custody.StartSubmitAsync("Register", new ProposalOptions().AddArguments(id, "case-custody", Evidence.Digest(id), "a laptop"));
        Assert.True((await register.GetStatusAsync()).Successful);
        var offer = await holder.Custody.StartSubmitAsync("OfferTransfer", new ProposalOptions().AddArguments(id, "Org2MSP"));
        Assert.True((await offer.GetStatusAsync()).Successful);
        var pending = Evidence.Json(offer.GetResult());
        var accept = await custodian.Custody.StartSubmitAsync("AcceptTransfer", new ProposalOptions().AddArguments(id));
        Assert.True((await accept.GetStatusAsync()).Successful);

        Assert.Equal("TransferPending", pending.Text("status"));
        Assert.Equal("Org2MSP", pending.Text("pendingHolder"));
        var item = Evidence.Json(await custodian.Custody.EvaluateTransactionAsync("Read", [id]));
        Assert.Equal("Org2MSP", item.Text("holder"));
        Assert.Equal("Held", item.Text("status"));
        Assert.Equal(JsonValueKind.Null, item.TryGetProperty("pendingHolder", out var none) ? none.ValueKind : JsonValueKind.Null);
        // The registering investigator is recorded in Go cid form: base64 of x509::<subject>::<issuer>.
        var registeredBy = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(item.Text("registeredBy")));
        Assert.StartsWith("x509::CN=Investigator@org1.example.com,OU=client", registeredBy, StringComparison.Ordinal);

        var history = Evidence.Json(await holder.Custody.EvaluateTransactionAsync("History", [id])).EnumerateArray().ToList();
        Assert.Equal(new[] { register.TransactionId, offer.TransactionId, accept.TransactionId }, history.Select(h => h.Text("txId")).ToArray());
        Assert.Equal(new[] { "Org1MSP", "Org1MSP", "Org2MSP" }, history.Select(h => h.Text("holder")).ToArray());
        Assert.Equal(new[] { "Held", "TransferPending", "Held" }, history.Select(h => h.Text("status")).ToArray());
    }

    [NetworkFact]
    public async Task Evidence_of_a_case_is_listed_page_by_page_and_by_id_range()
    {
        await using var investigator = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        var caseId = Evidence.NewId("case");
        var prefix = Evidence.NewId("range");
        var ids = Enumerable.Range(0, 5).Select(i => $"{prefix}-{i}").ToArray();
        // Submitted together: they may share blocks, which is what a busy channel looks like.
        var submitted = await Task.WhenAll(ids.Select(id =>
            investigator.Custody.StartSubmitAsync("Register", new ProposalOptions().AddArguments(id, caseId, Evidence.Digest(id), "item " + id))));
        foreach (var status in await Task.WhenAll(submitted.Select(s => s.GetStatusAsync())))
        {
            Assert.True(status.Successful, status.ToString());
        }

        var listed = new List<string>();
        var bookmark = string.Empty;
        var pages = 0;
        do
        {
            var page = Evidence.Json(await investigator.Custody.EvaluateTransactionAsync("ListByCase", [caseId, "2", bookmark]));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.Text("id")).ToList();
            Assert.InRange(items.Count, 0, 2);
            listed.AddRange(items);
            bookmark = page.Text("bookmark");
            pages++;
        }
        while (bookmark.Length > 0 && pages < 10);

        Assert.Equal(ids, listed);
        Assert.InRange(pages, 3, 4);
        var range = Evidence.Json(await investigator.Custody.EvaluateTransactionAsync("ListRange", [ids[1], ids[4]]));
        Assert.Equal(ids[1..4], range.EnumerateArray().Select(i => i.Text("id")).ToArray());
    }

    [NetworkFact]
    public async Task Register_without_the_investigator_attribute_is_refused_by_the_chaincode()
    {
        await using var user = GatewayConnection.Connect(_fabric, 1);
        var id = Evidence.NewId("noattr");

        var error = await Assert.ThrowsAsync<EndorseException>(() =>
            user.Custody.SubmitTransactionAsync("Register", [id, "case-x", Evidence.Digest(id), "refused"]));

        var detail = Assert.Single(error.Details);
        Assert.Equal((_fabric.PeerAddress(1), "Org1MSP"), (detail.Address, detail.MspId));
        Assert.Contains("Access denied: the client's certificate has no attribute 'role' (required value 'investigator')", detail.Message, StringComparison.Ordinal);
        await AssertNotRegisteredAsync(user, id);
    }

    [NetworkFact]
    public async Task AcceptTransfer_by_a_user_who_is_not_a_custodian_is_refused_and_custody_stays_pending()
    {
        await using var investigator = GatewayConnection.Connect(_fabric, 1, NetworkUser.Investigator);
        await using var org2User = GatewayConnection.Connect(_fabric, 2);
        var id = Evidence.NewId("nocustodian");
        await investigator.Custody.SubmitTransactionAsync("Register", [id, "case-y", Evidence.Digest(id), "a key"]);
        await investigator.Custody.SubmitTransactionAsync("OfferTransfer", [id, "Org2MSP"]);

        var error = await Assert.ThrowsAsync<EndorseException>(() => org2User.Custody.SubmitTransactionAsync("AcceptTransfer", [id]));

        Assert.Contains(error.Details, detail => detail.Message.Contains("custodian", StringComparison.Ordinal));
        var item = Evidence.Json(await org2User.Custody.EvaluateTransactionAsync("Read", [id]));
        Assert.Equal("TransferPending", item.Text("status"));
        Assert.Equal("Org1MSP", item.Text("holder"));
    }

    private static async Task AssertNotRegisteredAsync(GatewayConnection client, string id)
    {
        var error = await Assert.ThrowsAsync<EvaluateException>(() => client.Custody.EvaluateTransactionAsync("Read", [id]));
        Assert.Contains($"Evidence {id} is not registered", error.ToString(), StringComparison.Ordinal);
    }
}
