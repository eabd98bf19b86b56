using System.Text;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class HooksAndErrorsTests
{
    [Fact]
    public async Task Hooks_run_before_and_after_the_transaction_and_after_receives_the_result()
    {
        var log = new CallLog();
        await using var host = Hosts.Assets(log);

        var result = await host.SubmitAsync("HookedContract:Run", ["abc"]);

        Assert.Equal("ABC", result.EnsureSuccess().PayloadText);
        Assert.Equal(["before Run", "run abc", "after Run -> ABC"], log.Entries);
    }

    [Fact]
    public async Task After_hook_does_not_run_when_the_transaction_throws()
    {
        var log = new CallLog();
        await using var host = Hosts.Assets(log);

        var result = await host.SubmitAsync("HookedContract:Run", ["throw"]);

        Assert.Equal("Transaction refused", result.Message);
        Assert.Equal(["before Run", "run throw"], log.Entries);
    }

    [Fact]
    public async Task Failing_before_hook_stops_the_transaction()
    {
        var log = new CallLog();
        await using var host = Hosts.Assets(log);

        var result = await host.SubmitAsync("HookedContract:Run", ["fail-before"]);

        Assert.Equal(500, result.Status);
        Assert.Equal("Before hook refused", result.Message);
        Assert.Equal(["before Run"], log.Entries);
    }

    [Fact]
    public async Task Refusals_of_the_stub_reach_the_client_in_Fabrics_wording_without_the_dotnet_parameter_suffix()
    {
        await using var host = Hosts.Assets();

        var range = await host.EvaluateAsync("assets:CountFrom", ["\u0000asset"]);
        var unnamedEvent = await host.SubmitAsync("assets:Announce", [string.Empty]);

        Assert.Equal(
            "first character of the key [\\u0000asset] contains a null character which is not allowed; composite keys are queried with GetStateByPartialCompositeKey",
            range.Message);
        Assert.Equal("The event name must not be empty.", unnamedEvent.Message);
    }

    [Fact]
    public async Task A_coded_ChaincodeException_reaches_the_client_as_code_colon_message()
    {
        await using var host = Hosts.Assets();

        var coded = await host.SubmitAsync("assets:RejectWithCode", ["not-found"]);
        var malformed = await host.SubmitAsync("assets:RejectWithCode", ["Not Found"]);

        Assert.Equal("not-found: Asset x does not exist.", coded.Message);
        Assert.False(coded.Committed);
        Assert.Contains("must be lowercase ASCII letters", malformed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exception_after_a_write_fails_with_its_message_and_nothing_is_committed_then_the_next_transaction_works()
    {
        await using var host = Hosts.Assets();

        var failed = await host.SubmitAsync("assets:WriteThenThrow", ["k1"]);
        var next = await host.SubmitAsync("assets:PutRaw", ["k2", "v2"]);

        Assert.Equal(500, failed.Status);
        Assert.Equal("Failed after writing k1", failed.Message);
        Assert.False(failed.Committed);
        Assert.Null(host.Ledger.GetState("k1"));
        Assert.True(next.EnsureSuccess().Committed);
        Assert.Equal("v2", host.Ledger.GetStateText("k2"));
        Assert.Single(host.Ledger.Transactions);
    }

    [Fact]
    public async Task ChaincodeException_returns_status_500_with_its_message_and_payload()
    {
        await using var host = Hosts.Assets();

        var result = await host.SubmitAsync("assets:Reject", ["Not allowed"]);

        Assert.Equal(500, result.Status);
        Assert.Equal("Not allowed", result.Message);
        Assert.Equal("{\"code\":\"E42\"}", result.PayloadText);
    }

    [Fact]
    public async Task Missing_asset_fails_with_the_contracts_message()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync("assets:Read", ["missing"]);

        Assert.Equal("Asset missing does not exist", result.Message);
    }

    [Fact]
    public async Task Created_asset_can_be_read_back_with_the_creators_MSP()
    {
        await using var host = Hosts.Assets();

        await host.SubmitAsync("assets:Create", ["a1", "red", "3"]);
        var asset = (await host.EvaluateAsync("assets:Read", ["a1"])).EnsureSuccess().PayloadAs<Asset>();

        Assert.Equal(new Asset("a1", "red", 3, "Org1MSP"), asset);
    }

    [Fact]
    public void ChaincodeException_defaults_to_an_empty_payload()
    {
        var exception = new ChaincodeException("m");

        Assert.True(exception.Payload.IsEmpty);
        Assert.Equal("m", exception.Message);
        Assert.Equal("{}", Encoding.UTF8.GetString(new ChaincodeException("m", "{}"u8.ToArray()).Payload.Span));
    }
}
