using System.Net;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>
/// The portal on a running Fabric network through the Gateway SDK. Needs FABRIC_EVIDENCE_NETWORK_STATE (the state folder
/// of a network started with network/network.sh up and deploy) and VERIFICATION_LIVE_ITEM (a folder that
/// capture-real-network.sh wrote: item.json and evidence-file.bin); skipped, with this reason, otherwise.
/// </summary>
public sealed class LivePortalTests
{
    [LivePortalFact]
    public async Task On_a_real_network_the_matching_file_is_verified_and_an_unknown_id_is_not_found()
    {
        var state = Environment.GetEnvironmentVariable("FABRIC_EVIDENCE_NETWORK_STATE")!;
        var item = Environment.GetEnvironmentVariable("VERIFICATION_LIVE_ITEM")!;
        var settings = File.ReadAllLines(Path.Combine(state, "network.env")).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        using var factory = new PortalFactory();
        factory.Settings["Portal:Ledger"] = "Fabric";
        factory.Settings["FabricGateway:Endpoint"] = "https://" + settings["NETWORK_ORG1_PEER_ADDRESS"];
        factory.Settings["FabricGateway:TlsRootCertificatePath"] = settings["NETWORK_ORG1_TLS_CA"];
        factory.Settings["FabricGateway:MspId"] = "Org1MSP";
        factory.Settings["FabricGateway:MspDirectory"] = settings["NETWORK_ORG1_JUDGE_MSP"];
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var itemId = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(item, "item.json"))).RootElement.GetProperty("itemId").GetString()!;

        var (status, page) = await PortalTests.VerifyAsync(client, itemId, File.ReadAllBytes(Path.Combine(item, "evidence-file.bin")));
        var (unknown, _) = await PortalTests.VerifyAsync(client, "EV-NOT-ON-THE-LEDGER", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("verified", page.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
        Assert.Equal(5, page.QuerySelectorAll("tr[data-tx]").Length);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    private sealed class LivePortalFactAttribute : FactAttribute
    {
        public LivePortalFactAttribute()
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FABRIC_EVIDENCE_NETWORK_STATE")) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VERIFICATION_LIVE_ITEM")))
            {
                Skip = "Set FABRIC_EVIDENCE_NETWORK_STATE (a running network.sh network with the evidence contract) and VERIFICATION_LIVE_ITEM "
                    + "(a capture-real-network.sh output folder) to run the portal against real peers; the fixture ledger covers the rest.";
            }
        }
    }
}
