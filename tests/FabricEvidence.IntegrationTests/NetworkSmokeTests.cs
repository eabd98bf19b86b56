namespace FabricEvidence.IntegrationTests;

/// <summary>
/// The deployed chaincode, driven with Hyperledger's own peer CLI: proof that the network, the chaincode-as-a-service
/// deployment and the chaincode service work together before any of our client code is involved.
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class NetworkSmokeTests
{
    private readonly FabricNetwork _network;

    public NetworkSmokeTests(FabricNetwork network)
    {
        _network = network;
    }

    [NetworkFact]
    public async Task Query_through_each_organisations_peer_is_answered_by_the_chaincode()
    {
        foreach (var org in new[] { 1, 2 })
        {
            var result = await _network.PeerAsync(
                org, "chaincode", "query", "-C", _network.Channel, "-n", _network.ChaincodeName, "-c", _network.ReadyArgs);

            Assert.True(result.ExitCode == 0, $"Query through Org{org}'s peer failed: {result}");
            Assert.False(string.IsNullOrWhiteSpace(result.Stdout), $"Query through Org{org}'s peer returned nothing: {result}");
        }
    }

    [NetworkFact]
    public async Task Transaction_endorsed_by_both_organisations_is_committed_as_valid_on_both_peers()
    {
        var result = await InvokeAsync(endorsers: [1, 2]);

        Assert.True(result.ExitCode == 0, $"The transaction failed: {result}");
        Assert.Contains($"committed with status (VALID) at {_network.PeerAddress(1)}", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"committed with status (VALID) at {_network.PeerAddress(2)}", result.Stderr, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Transaction_endorsed_by_one_organisation_only_is_invalidated_by_the_endorsement_policy()
    {
        Assert.True(
            _network.ChaincodePolicy == FabricNetwork.BothOrganisationsPolicy,
            $"This test needs the chaincode deployed with --policy \"{FabricNetwork.BothOrganisationsPolicy}\"; it has {_network.ChaincodePolicy}.");

        var result = await InvokeAsync(endorsers: [1]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ENDORSEMENT_POLICY_FAILURE", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task Status_reports_every_node_and_chaincode_service_running_and_healthy()
    {
        var result = await _network.RunScriptAsync(TimeSpan.FromMinutes(1), "status");

        Assert.True(result.ExitCode == 0, $"network.sh status reported a problem: {result}");
        foreach (var name in new[] { "orderer1", "peer0.org1", "peer0.org2", "chaincode.sample.org1", "chaincode.sample.org2", "chaincode.evidence.org1", "chaincode.evidence.org2" })
        {
            Assert.Matches($@"(?m)^{name.Replace(".", @"\.", StringComparison.Ordinal)}\s+\d+\s+running\s", result.Stdout);
        }
    }

    private Task<ProcessResult> InvokeAsync(int[] endorsers)
    {
        var arguments = new List<string>
        {
            "chaincode", "invoke", "-o", _network.OrdererAddress, "--tls", "--cafile", _network.OrdererTlsCa,
            "-C", _network.Channel, "-n", _network.ChaincodeName, "-c", _network.ReadyArgs, "--waitForEvent",
        };
        foreach (var org in endorsers)
        {
            arguments.AddRange(["--peerAddresses", _network.PeerAddress(org), "--tlsRootCertFiles", _network.PeerTlsCa(org)]);
        }

        return _network.PeerAsync(1, [.. arguments]);
    }
}
