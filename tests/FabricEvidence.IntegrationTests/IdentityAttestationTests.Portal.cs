extern alias portal;

using System.Net;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using FabricEvidence.Gateway;
using FabricEvidence.Identity;
using FabricEvidence.Identity.Client;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FabricEvidence.IntegrationTests;

/// <summary>The verification portal's identity page on real peers, as Org2's police verifier of network.sh.</summary>
public sealed partial class IdentityAttestationTests
{
    private const string PortalVerifierCode = "verifier-code-for-integration";

    [NetworkFact]
    public async Task The_portal_verifies_a_presentation_on_real_peers_records_it_and_after_suspension_fails_as_suspended()
    {
        await using var parties = await PartiesAsync();
        var (issuer, wallet, verifierConnection) = (parties.Issuer, parties.Wallet, parties.VerifierConnection);
        using var holderKey = HolderKey.Generate();
        var issued = await issuer.IssueAsync(Residence(holderKey.PublicKey));
        var entry = wallet.Add(issued.Credential.SdJwt, holderKey, "residence");
        var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
        {
            EntryId = entry.Id, Verifier = "Org2MSP", Purpose = Purpose, Claims = Disclosed, Expires = DateTimeOffset.UtcNow.AddDays(30),
        });
        using var portal = new IdentityPortalFactory(new Dictionary<string, string?>
        {
            ["Portal:Ledger"] = "Fabric",
            ["Portal:ChannelName"] = fabric.Channel,
            ["FabricGateway:Endpoint"] = "https://" + Env("NETWORK_ORG2_PEER_ADDRESS"),
            ["FabricGateway:TlsRootCertificatePath"] = Env("NETWORK_ORG2_TLS_CA"),
            ["FabricGateway:MspId"] = "Org2MSP",
            ["FabricGateway:MspDirectory"] = Env("NETWORK_ORG2_JUDGE_MSP"),
            ["Portal:Identity:Enabled"] = "true",
            ["Portal:Identity:ChannelName"] = fabric.Channel,
            ["Portal:Identity:VerifierAccessCodeHashes:0"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(PortalVerifierCode))),
            ["Portal:Identity:CertificateAuthorities:Org1MSP:0"] = Directory.GetFiles(Path.Combine(Env("NETWORK_ORG1_ISSUER_MSP"), "cacerts"), "*.pem")[0],
            ["IdentityGateway:Endpoint"] = "https://" + Env("NETWORK_ORG2_PEER_ADDRESS"),
            ["IdentityGateway:TlsRootCertificatePath"] = Env("NETWORK_ORG2_TLS_CA"),
            ["IdentityGateway:MspId"] = "Org2MSP",
            ["IdentityGateway:MspDirectory"] = Env("NETWORK_ORG2_VERIFIER_MSP"),
        });
        using var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await PortalSignInAsync(client);

        async Task<IHtmlDocument> VerifyOnThePageAsync()
        {
            var form = await PortalPageAsync(await client.GetAsync("/Identity"));
            var presentation = wallet.Present(entry.Id, Disclosed, form.QuerySelector("#audience")!.TextContent, form.QuerySelector("input[name=Nonce]")!.GetAttribute("value")!);
            using var content = new MultipartFormDataContent
            {
                { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
                { new StringContent(form.QuerySelector("input[name=Nonce]")!.GetAttribute("value")!), "Nonce" },
                { new StringContent(presentation.Compact), "PresentationText" },
                { new StringContent(consent.Id), "ConsentId" },
                { new StringContent(Purpose), "Purpose" },
            };
            return await PortalPageAsync(await client.PostAsync("/Identity", content));
        }

        var passed = await VerifyOnThePageAsync();
        await issuer.SuspendAsync(issued.Record.Id, StatusReasons.UnderInvestigation);
        var suspended = await VerifyOnThePageAsync();
        var log = await wallet.ListVerificationsAsync(entry.Id).ToListAsync();

        Assert.Equal("passed", passed.QuerySelector("[data-result]")!.GetAttribute("data-result"));
        Assert.Equal("Köln", passed.QuerySelector("tr[data-claim='address/locality'] td")!.TextContent);
        Assert.Null(passed.QuerySelector("tr[data-claim=given_name]"));
        Assert.Equal("suspended", suspended.QuerySelector("[data-result]")!.GetAttribute("data-reason"));
        Assert.Equal([VerificationResults.Passed, VerificationResults.Suspended], log.Select(v => v.Result));
        Assert.Equal(log.Select(v => v.Id), [passed.QuerySelector("[data-field=transaction]")!.TextContent, suspended.QuerySelector("[data-field=transaction]")!.TextContent]);
        Assert.All(log, v => Assert.Equal("verifier", v.Verifier.Role));
        foreach (var record in log)
        {
            // The verification record's block, as the peers committed it, is valid and holds none of the claim values.
            var block = Block.Parser.ParseFrom(await verifierConnection.Network.GetContract("qscc").EvaluateTransactionAsync("GetBlockByTxID", [fabric.Channel, record.Id]));
            Assert.True(LedgerBlock.Parse(block).Transactions.Single(t => t.TransactionId == record.Id).IsValid);
            var text = Encoding.UTF8.GetString(block.ToByteArray());
            Assert.All(PersonalValues, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
        }
    }

    private static async Task PortalSignInAsync(HttpClient client)
    {
        var form = await PortalPageAsync(await client.GetAsync("/SignIn"));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["AccessCode"] = PortalVerifierCode,
        });
        var response = await client.PostAsync("/SignIn", content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<IHtmlDocument> PortalPageAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The portal in process, configured as a deployment would be (settings only).</summary>
    private sealed class IdentityPortalFactory(Dictionary<string, string?> settings) : WebApplicationFactory<portal::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
