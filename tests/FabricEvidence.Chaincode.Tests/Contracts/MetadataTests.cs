using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class MetadataTests
{
    private static readonly Type[] AllContracts =
        [typeof(AssetContract), typeof(Greeter), typeof(TypesContract), typeof(HookedContract), typeof(CustomContextContract)];

    private static JsonObject Metadata(params Type[] contracts) =>
        JsonNode.Parse(new ContractChaincode(contracts).Metadata.Span)!.AsObject();

    [Fact]
    public async Task Metadata_is_valid_against_fabrics_contract_schema()
    {
        var metadata = Encoding.UTF8.GetString(new ContractChaincode(AllContracts).Metadata.Span);

        var (exitCode, stdout, stderr) = await NodeRunner.RunForResultAsync("contract-schema", "validate.js", [], metadata);

        Assert.True(exitCode == 0, $"Metadata rejected by contract-schema.json: {stdout} {stderr}\n{metadata}");
        Assert.Equal("VALID", stdout.Trim());
    }

    [Theory]
    [InlineData("info")]
    [InlineData("contracts")]
    public async Task Schema_validator_rejects_metadata_without_a_required_member(string member)
    {
        var metadata = Metadata(AllContracts);
        metadata.Remove(member);

        var (exitCode, stdout, _) = await NodeRunner.RunForResultAsync("contract-schema", "validate.js", [], metadata.ToJsonString(ChaincodeJson.Options));

        Assert.Equal(1, exitCode);
        Assert.Contains(member, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_validator_rejects_a_parameter_with_an_unknown_member()
    {
        var metadata = Metadata(AllContracts);
        metadata["contracts"]!["assets"]!["transactions"]![0]!["parameters"]![0]!["unexpected"] = true;

        var (exitCode, stdout, _) = await NodeRunner.RunForResultAsync("contract-schema", "validate.js", [], metadata.ToJsonString(ChaincodeJson.Options));

        Assert.Equal(1, exitCode);
        Assert.Contains("additionalProperties", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetadata_of_the_system_contract_returns_the_same_bytes_as_the_Metadata_property()
    {
        await using var host = Hosts.Assets();

        var result = await host.EvaluateAsync("org.hyperledger.fabric:GetMetadata");

        Assert.Equal(((ContractChaincode)host.Chaincode).Metadata.ToArray(), result.EnsureSuccess().Response.Payload);
    }

    [Fact]
    public void Metadata_bytes_are_the_same_for_every_build_of_the_chaincode()
    {
        var first = new ContractChaincode(AllContracts).Metadata.ToArray();
        var second = new ContractChaincode(AllContracts).Metadata.ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Metadata_lists_each_contract_with_instance_info_and_transactions_in_name_order()
    {
        var metadata = Metadata(typeof(AssetContract), typeof(Greeter));
        var contracts = metadata["contracts"]!.AsObject();

        Assert.Equal(["assets", "Greeter", "org.hyperledger.fabric"], contracts.Select(c => c.Key));
        Assert.Equal("""{"name":"Greeter","default":true}""", contracts["Greeter"]!["contractInstance"]!.ToJsonString(ChaincodeJson.Options));
        Assert.Equal("""{"name":"assets","default":false}""", contracts["assets"]!["contractInstance"]!.ToJsonString(ChaincodeJson.Options));
        Assert.Equal(
            ["Announce", "CountFrom", "Create", "Put", "PutComposite", "PutKeyWithLoneSurrogate", "PutRaw", "Read", "Reject", "RejectWithCode", "Restricted", "Sum", "WhoAmI", "WriteThenThrow"],
            contracts["assets"]!["transactions"]!.AsArray().Select(t => (string)t!["name"]!));
        Assert.Equal(
            """{"title":"Asset contract","version":"1.2.3","description":"Creates and reads assets","contact":{"name":"Ledger team","url":"https://example.org/ledger","email":"ledger@example.org"},"license":{"name":"Apache-2.0","url":"https://www.apache.org/licenses/LICENSE-2.0"}}""",
            contracts["assets"]!["info"]!.ToJsonString(ChaincodeJson.Options));
        Assert.Equal("https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json", (string)metadata["$schema"]!);
        Assert.Equal("FabricEvidence.Chaincode.Tests", (string)metadata["info"]!["title"]!);
    }

    [Fact]
    public void Transactions_carry_intent_tags_parameters_and_returns()
    {
        var transactions = Metadata(typeof(AssetContract))["contracts"]!["assets"]!["transactions"]!.AsArray();
        JsonNode Transaction(string name) => transactions.Single(t => (string)t!["name"]! == name)!;

        Assert.Equal(
            """{"name":"Create","tag":["SUBMIT","submitTx"],"parameters":[{"name":"id","description":"The asset id","schema":{"type":"string"}},{"name":"color","schema":{"type":"string"}},{"name":"size","schema":{"type":"integer","format":"int32"}}]}""",
            Transaction("Create").ToJsonString(ChaincodeJson.Options));
        Assert.Equal(
            """{"name":"Read","tag":["EVALUATE"],"parameters":[{"name":"id","schema":{"type":"string"}}],"returns":{"$ref":"#/components/schemas/Asset","description":"The asset as JSON"}}""",
            Transaction("Read").ToJsonString(ChaincodeJson.Options));
        Assert.Equal("""{"type":"integer","format":"int64"}""", Transaction("Sum")["returns"]!.ToJsonString(ChaincodeJson.Options));
    }

    [Fact]
    public void Data_types_are_published_as_components_with_sorted_properties_and_required_members()
    {
        var schemas = Metadata(typeof(TypesContract))["components"]!["schemas"]!.AsObject();

        Assert.Equal(["Asset", "Note", "Receipt"], schemas.Select(s => s.Key));
        Assert.Equal(
            """{"$id":"Asset","type":"object","description":"Something owned","properties":{"appraisedValue":{"type":"number"},"color":{"type":"string"},"id":{"type":"string","description":"Unique id"},"owner":{"type":"string"},"size":{"type":"integer","format":"int32"},"state":{"type":"string","enum":["Active","Retired"]}},"required":["color","id","owner","size"],"additionalProperties":false}""",
            schemas["Asset"]!.ToJsonString(ChaincodeJson.Options));
        Assert.Equal(
            """{"$id":"Note","type":"object","properties":{"counts":{"type":"object","additionalProperties":{"type":"integer","format":"int32"}},"tags":{"type":"array","items":{"type":"string"}},"text":{"type":"string"}},"required":["counts","tags","text"],"additionalProperties":false}""",
            schemas["Note"]!.ToJsonString(ChaincodeJson.Options));
        Assert.Equal(
            """{"$id":"Receipt","type":"object","properties":{"at":{"type":"string","format":"date-time"},"tx":{"type":"string"}},"required":["tx"],"additionalProperties":false}""",
            schemas["Receipt"]!.ToJsonString(ChaincodeJson.Options));
    }

    [Fact]
    public void Argument_schemas_cover_every_supported_type()
    {
        var transactions = Metadata(typeof(TypesContract))["contracts"]!["TypesContract"]!["transactions"]!.AsArray();
        string ParameterSchema(string name) => transactions.Single(t => (string)t!["name"]! == name)!["parameters"]![0]!["schema"]!.ToJsonString(ChaincodeJson.Options);

        Assert.Equal("""{"type":"boolean"}""", ParameterSchema("Bool"));
        Assert.Equal("""{"type":"integer","minimum":0,"maximum":255}""", ParameterSchema("Byte"));
        Assert.Equal("""{"type":"integer","minimum":0,"maximum":18446744073709551615}""", ParameterSchema("ULong"));
        Assert.Equal("""{"type":"number","format":"double"}""", ParameterSchema("Double"));
        Assert.Equal("""{"type":"number","format":"float"}""", ParameterSchema("Float"));
        Assert.Equal("""{"type":"number"}""", ParameterSchema("Decimal"));
        Assert.Equal("""{"type":"string","format":"date-time"}""", ParameterSchema("Time"));
        Assert.Equal("""{"type":"string","format":"uuid"}""", ParameterSchema("Guid"));
        Assert.Equal("""{"type":"string","enum":["Active","Retired"]}""", ParameterSchema("State"));
        Assert.Equal("""{"type":"string","format":"binary"}""", ParameterSchema("Bytes"));
        Assert.Equal("""{"type":"array","items":{"$ref":"#/components/schemas/Asset"}}""", ParameterSchema("Assets"));
        Assert.Equal("""{"type":"object","additionalProperties":{"type":"integer","format":"int32"}}""", ParameterSchema("Map"));
    }

    [Fact]
    public void System_contract_describes_GetMetadata_as_an_evaluate_transaction()
    {
        var system = Metadata(typeof(Greeter))["contracts"]!["org.hyperledger.fabric"]!;

        Assert.Equal("""[{"name":"GetMetadata","tag":["EVALUATE"],"parameters":[],"returns":{"type":"object","description":"The contract metadata, valid against Fabric's contract-schema.json."}}]""", system["transactions"]!.ToJsonString(ChaincodeJson.Options));
        Assert.False((bool)system["contractInstance"]!["default"]!);
    }

    [Fact]
    public void Metadata_is_compact_JSON()
    {
        var text = Encoding.UTF8.GetString(new ContractChaincode([typeof(Greeter)]).Metadata.Span);

        Assert.DoesNotContain('\n', text);
        Assert.DoesNotContain(": ", text, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
    }
}
