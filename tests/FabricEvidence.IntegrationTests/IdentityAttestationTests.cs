using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FabricEvidence.Gateway;
using FabricEvidence.Identity;
using FabricEvidence.Identity.Client;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;
using Grpc.Core;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// The identity attestation scenario of issue 15 on real peers: the identity contract deployed next to the evidence
/// contract (as <c>identity</c>, by <c>network.sh deploy</c>), driven through the typed clients as the network's users
/// (Org1's administrator and registry issuer, Org1's wallet application, Org2's administrator and police verifier).
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed partial class IdentityAttestationTests(FabricNetwork fabric)
{
    public const string IdentityChaincode = "identity";
    private const string Vct = "urn:fabric-evidence:residence";
    private const string IssuerId = "https://registry.org1.example.com";
    private const string Purpose = "police-age-check";
    private static readonly string[] Disclosed = ["age_over_18", "address/locality"];
    private static readonly string[] PersonalValues = ["Erika", "Mustermann", "1963-08-12", "Heidestraße 17", "Köln", "51147"];
    private static readonly SemaphoreSlim DeployLock = new(1, 1);

    [NetworkFact]
    public async Task A_residence_credential_is_issued_presented_selectively_verified_suspended_reinstated_revoked_and_refused_without_personal_data_in_the_blocks()
    {
        await using var parties = await PartiesAsync();
        var (issuer, wallet, verifierConnection) = (parties.Issuer, parties.Wallet, parties.VerifierConnection);
        var verifierOptions = new VerifierClientOptions { ChannelName = fabric.Channel };
        verifierOptions.CertificateAuthorities["Org1MSP"] = CertificateAuthorities(Env("NETWORK_ORG1_ISSUER_MSP"));
        verifierOptions.CertificateAuthorities["Org2MSP"] = CertificateAuthorities(Env("NETWORK_ORG2_VERIFIER_MSP"));
        var verifier = new VerifierClient(verifierConnection.Gateway, verifierOptions);
        using var holderKey = HolderKey.Generate();
        var txIds = new List<string>();

        var issued = await issuer.IssueAsync(Residence(holderKey.PublicKey));
        txIds.Add(issued.Record.Reserved.TxId);
        txIds.Add(issued.Record.Issuance!.Issued.TxId);
        var entry = wallet.Add(issued.Credential.SdJwt, holderKey, "residence");
        var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
        {
            EntryId = entry.Id, Verifier = "Org2MSP", Purpose = Purpose, Claims = Disclosed, Expires = DateTimeOffset.UtcNow.AddDays(30),
        });
        txIds.Add(consent.Recorded.TxId);

        async Task<VerificationOutcome> VerifyAsync()
        {
            var nonce = VerifierClient.CreateNonce();
            var presentation = wallet.Present(entry.Id, Disclosed, verifier.Audience, nonce);
            var outcome = await verifier.VerifyAsync(new VerifyPresentationRequest { Presentation = presentation.Compact, Nonce = nonce, ConsentId = consent.Id, Purpose = Purpose });
            txIds.Add(outcome.Record.Id);
            return outcome;
        }

        var passed = await VerifyAsync();
        txIds.Add((await issuer.SuspendAsync(issued.Record.Id, StatusReasons.UnderInvestigation)).LastStatusChange!.By.TxId);
        var suspended = await VerifyAsync();
        txIds.Add((await issuer.ReinstateAsync(issued.Record.Id, StatusReasons.InvestigationCleared)).LastStatusChange!.By.TxId);
        var reinstated = await VerifyAsync();
        txIds.Add((await issuer.RevokeAsync(issued.Record.Id, StatusReasons.FactsChanged)).LastStatusChange!.By.TxId);
        var revoked = await VerifyAsync();
        var withdrawn = await wallet.WithdrawConsentAsync(entry.Id, consent.Id);
        txIds.Add(withdrawn.Revoked!.TxId);
        var refused = await Assert.ThrowsAsync<IdentityForbiddenException>(VerifyAsync);
        var log = await wallet.ListVerificationsAsync(entry.Id).ToListAsync();

        Assert.True(passed.Passed, passed.Result);
        Assert.True(passed.Presentation.Claims["age_over_18"]!.GetValue<bool>());
        Assert.Equal("Köln", passed.Presentation.Claims["address"]!["locality"]!.GetValue<string>());
        Assert.Null(passed.Presentation.Claims["given_name"]);
        Assert.Null(passed.Presentation.Claims["address"]!["street_address"]);
        Assert.Equal("Org2MSP", passed.Record.Verifier.MspId);
        Assert.Equal("verifier", passed.Record.Verifier.Role);
        Assert.Equal(VerificationResults.Suspended, suspended.Result);
        Assert.True(reinstated.Passed, reinstated.Result);
        Assert.Equal(VerificationResults.Revoked, revoked.Result);
        Assert.Equal("RecordVerification", refused.Operation);
        Assert.Equal(
            [VerificationResults.Passed, VerificationResults.Suspended, VerificationResults.Passed, VerificationResults.Revoked],
            log.Select(v => v.Result));
        Assert.Equal([passed.Record.Id, suspended.Record.Id, reinstated.Record.Id, revoked.Record.Id], log.Select(v => v.Id));

        // Every transaction of the scenario, in its block as the peers committed it (arguments, results, events,
        // endorsements), holds none of the claim values; the issuer-signed JWT's hash is there.
        var blocks = new StringBuilder();
        foreach (var txId in txIds.Distinct())
        {
            var block = Block.Parser.ParseFrom(await verifierConnection.Network.GetContract("qscc").EvaluateTransactionAsync("GetBlockByTxID", [fabric.Channel, txId]));
            var transaction = LedgerBlock.Parse(block).Transactions.Single(t => t.TransactionId == txId);
            Assert.True(transaction.IsValid, $"{txId} is {transaction.ValidationCode}");
            blocks.Append(Encoding.UTF8.GetString(block.ToByteArray()));
        }

        var text = blocks.ToString();
        Assert.All(PersonalValues, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
        Assert.Contains(issued.Record.Issuance.IssuerSignedJwtHash, text, StringComparison.Ordinal);
        Assert.Equal(11, txIds.Distinct().Count());
    }

    [NetworkFact]
    public async Task The_cli_renews_the_issuer_by_majority_then_issues_presents_verifies_and_revokes()
    {
        await EnsureDeployedAsync();
        var issuerMsp = Env("NETWORK_ORG1_ISSUER_MSP");
        using (var issuerKey = IssuerKey.FromMspDirectory(issuerMsp))
        {
            await RegisterIssuerAsync(issuerKey);
        }

        var work = Directory.CreateTempSubdirectory("fe-it-cli-identity").FullName;
        var environment = new Dictionary<string, string> { ["NETWORK_STATE_DIR"] = fabric.StateDir, ["EVIDENCE_WALLET_PASSPHRASE"] = "it passphrase " + Guid.NewGuid() };
        Task<(int ExitCode, string Output, string Errors)> Cli(params string[] args) => CliRunner.RunAsync(environment, args);
        static string Day(int days) => DateTimeOffset.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            // The registry through the tool: Org1's administrator proposes a longer period, Org2's approves (2 of 2).
            var proposal = "renew-" + Guid.NewGuid().ToString("N")[..12];
            var propose = await Cli("identity", "registry", "propose-issuer", proposal, "--update", "--issuer-id", IssuerId, "--certificate", issuerMsp,
                "--types", Vct, "--valid-from", Day(-1), "--valid-until", Day(730), "--status-base", "https://status.org1.example.com/lists");
            Assert.True(propose.ExitCode == 0, propose.Errors + propose.Output);
            Assert.Contains("is open with 1 of 2 approvals", propose.Output, StringComparison.Ordinal);
            var approve = await Cli("identity", "registry", "approve", proposal, "--org", "2");
            Assert.True(approve.ExitCode == 0, approve.Errors + approve.Output);
            Assert.Contains("is applied", approve.Output, StringComparison.Ordinal);
            var shown = await Cli("identity", "registry", "issuer", IssuerId, "--json");
            Assert.Equal(proposal, System.Text.Json.JsonDocument.Parse(shown.Output).RootElement.GetProperty("proposalId").GetString());

            // The credential through the tool, as issuer, holder and Org2's verifier.
            var holderKey = Path.Combine(work, "holder.pem");
            Assert.Equal(0, (await Cli("identity", "key", "-o", holderKey)).ExitCode);
            var claims = Path.Combine(work, "claims.json");
            File.WriteAllText(claims, """{"given_name": "Erika", "birthdate": "1963-08-12", "age_over_18": true, "address": {"locality": "Köln"}}""");
            var credential = Path.Combine(work, "residence.sdjwt");
            var issue = await Cli("identity", "issue", "--type", Vct, "--claims", claims, "--holder-key", Path.Combine(work, "holder.jwk"),
                "--issuer-id", IssuerId, "--expires", Day(365), "-o", credential, "--user", "issuer", "--json");
            Assert.True(issue.ExitCode == 0, issue.Errors);
            var credentialId = System.Text.Json.JsonDocument.Parse(issue.Output).RootElement.GetProperty("id").GetString()!;
            var wallet = Path.Combine(work, "wallet.json");
            var add = await Cli("identity", "wallet", "add", credential, "--key", holderKey, "--wallet", wallet, "--json");
            Assert.True(add.ExitCode == 0, add.Errors);
            var entry = System.Text.Json.JsonDocument.Parse(add.Output).RootElement.GetProperty("entry").GetString()!;
            var grant = await Cli("identity", "consent", "grant", entry, "--wallet", wallet, "--verifier", "Org2MSP", "--purpose", Purpose,
                "--claims", "age_over_18,address/locality", "--expires", Day(30), "--user", "holder", "--json");
            Assert.True(grant.ExitCode == 0, grant.Errors);
            var consent = System.Text.Json.JsonDocument.Parse(grant.Output).RootElement.GetProperty("id").GetString()!;
            var trust = "Org1MSP=" + Directory.GetFiles(Path.Combine(issuerMsp, "cacerts"), "*.pem").First();

            async Task<(int ExitCode, string Output, string Errors)> PresentAndVerifyAsync()
            {
                var nonce = (await Cli("identity", "nonce")).Output.Trim();
                var presentation = Path.Combine(work, Guid.NewGuid().ToString("N") + ".txt");
                var present = await Cli("identity", "present", entry, "--wallet", wallet, "--disclose", "age_over_18,address/locality",
                    "--audience", "Org2MSP", "--nonce", nonce, "-o", presentation);
                Assert.True(present.ExitCode == 0, present.Errors);
                return await Cli("identity", "verify", presentation, "--nonce", nonce, "--consent", consent, "--purpose", Purpose,
                    "--trust", trust, "--org", "2", "--user", "verifier");
            }

            var passed = await PresentAndVerifyAsync();
            Assert.True(passed.ExitCode == 0, passed.Errors + passed.Output);
            Assert.Contains("Köln", passed.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Erika", passed.Output, StringComparison.Ordinal);

            var revoke = await Cli("identity", "revoke", credentialId, "--reason", "issued-in-error", "--issuer-id", IssuerId, "--user", "issuer");
            Assert.True(revoke.ExitCode == 0, revoke.Errors);
            var refused = await PresentAndVerifyAsync();
            Assert.Equal(5, refused.ExitCode);
            Assert.Contains("revoked", refused.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static IssueCredentialRequest Residence(HolderPublicKey holderKey) => new()
    {
        Vct = Vct,
        HolderKey = holderKey,
        Expires = DateTimeOffset.UtcNow.AddDays(365),
        Claims = new JsonObject
        {
            ["given_name"] = "Erika", ["family_name"] = "Mustermann", ["birthdate"] = "1963-08-12", ["age_over_18"] = true,
            ["address"] = new JsonObject { ["street_address"] = "Heidestraße 17", ["locality"] = "Köln", ["postal_code"] = "51147" },
        },
    };

    /// <summary>The contract deployed, the registry issuer registered, and the scenario's users connected: Org1's issuer and wallet application, Org2's verifier.</summary>
    private async Task<ScenarioParties> PartiesAsync()
    {
        await EnsureDeployedAsync();
        var issuerKey = IssuerKey.FromMspDirectory(Env("NETWORK_ORG1_ISSUER_MSP"));
        await RegisterIssuerAsync(issuerKey);
        return new ScenarioParties(Connect(1, "ISSUER"), Connect(1, "HOLDER"), Connect(2, "VERIFIER"), issuerKey, fabric.Channel);
    }

    /// <summary>Deploys the identity contract next to the others (once per network) and sets up its registry: Org1 and Org2, the residence type.</summary>
    private async Task EnsureDeployedAsync()
    {
        await DeployLock.WaitAsync();
        try
        {
            if (!File.Exists(Path.Combine(fabric.StateDir, "chaincode", IdentityChaincode, "deploy.env")))
            {
                var deploy = await fabric.RunScriptAsync(TimeSpan.FromMinutes(6), "deploy", "--name", IdentityChaincode,
                    "--chaincode-path", Path.Combine(FabricNetwork.RepositoryRoot, "chaincode", "FabricEvidence.Identity.Service"));
                Assert.True(deploy.ExitCode == 0, "network.sh deploy --name identity failed: " + deploy);
            }

            await using var admin1 = Connect(1, "ADMIN");
            var registry = new RegistryClient(admin1.Gateway, new RegistryClientOptions { ChannelName = fabric.Channel });
            RegistryConfig config;
            try
            {
                config = await registry.GetRegistryAsync();
            }
            catch (IdentityWrongStateException)
            {
                // Until both Gateways have heard of the new chaincode through gossip they cannot plan its endorsement.
                config = await WhileGossipLagsAsync(() => registry.InitializeAsync(["Org1MSP", "Org2MSP"]));
                await registry.RegisterCredentialTypeAsync(Vct,
                    ["given_name", "family_name", "birthdate", "age_over_18", "address"],
                    ["given_name", "family_name", "birthdate", "age_over_18", "address", "address/street_address", "address/locality", "address/postal_code"]);
            }

            Assert.Equal(["Org1MSP", "Org2MSP"], config.Organisations);
        }
        finally
        {
            DeployLock.Release();
        }
    }

    /// <summary>Registers the network's Org1 issuer user as the registry issuer: Org1 proposes, Org2 approves (2 of 2).</summary>
    private async Task RegisterIssuerAsync(IssuerKey key)
    {
        await using var admin1 = Connect(1, "ADMIN");
        await using var admin2 = Connect(2, "ADMIN");
        var org1 = new RegistryClient(admin1.Gateway, new RegistryClientOptions { ChannelName = fabric.Channel });
        var fingerprint = RegistryClient.Fingerprint(key.Certificate);
        try
        {
            var existing = await org1.GetIssuerAsync(IssuerId);
            if (existing.Active && existing.Spec.CertificateFingerprint == fingerprint)
            {
                return;
            }
        }
        catch (IdentityNotFoundException)
        {
        }

        var proposalId = "p-" + Guid.NewGuid().ToString("N");
        var proposed = await org1.ProposeIssuerAsync(proposalId,
            new IssuerSpec(IssuerId, "Org1MSP", fingerprint, [Vct], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), "https://status.org1.example.com/lists"),
            DateTimeOffset.UtcNow.AddDays(1));
        Assert.Equal(ProposalState.Open, proposed.State);
        var applied = await new RegistryClient(admin2.Gateway, new RegistryClientOptions { ChannelName = fabric.Channel }).ApproveChangeAsync(proposalId);
        Assert.Equal(ProposalState.Applied, applied.State);
    }

    private static async Task<T> WhileGossipLagsAsync<T>(Func<Task<T>> call)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await call();
            }
            catch (EndorseException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(250);
            }
        }
    }

    private static X509Certificate2Collection CertificateAuthorities(string mspDirectory)
    {
        var collection = new X509Certificate2Collection();
        foreach (var file in Directory.GetFiles(Path.Combine(mspDirectory, "cacerts"), "*.pem"))
        {
            collection.Add(X509CertificateLoader.LoadCertificateFromFile(file));
        }

        return collection;
    }

    private string Env(string key)
    {
        foreach (var line in File.ReadLines(Path.Combine(fabric.StateDir, "network.env")))
        {
            if (line.StartsWith(key + "=", StringComparison.Ordinal))
            {
                return line[(key.Length + 1)..];
            }
        }

        throw new InvalidOperationException($"{key} is missing from network.env; was the network started by this version of network.sh?");
    }

    /// <summary>A Gateway connection to Org<paramref name="org"/>'s peer as the network user <paramref name="user"/> (ADMIN, ISSUER, HOLDER, VERIFIER).</summary>
    private IdentityConnection Connect(int org, string user)
    {
        var organisation = fabric.Organisation(org);
        var channel = FabricChannel.ForAddress(organisation.PeerEndpoint, new FabricChannelOptions().WithTlsRootCertificateFile(organisation.TlsCaPath));
        var credentials = Identities.LoadMspDirectory(organisation.MspId, Env($"NETWORK_ORG{org}_{user}_MSP"));
        var gateway = FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = credentials.Identity, Signer = credentials.Signer });
        return new IdentityConnection(channel, gateway, gateway.GetNetwork(fabric.Channel));
    }

    private sealed class ScenarioParties(IdentityConnection issuer, IdentityConnection holder, IdentityConnection verifier, IssuerKey issuerKey, string channel) : IAsyncDisposable
    {
        public IssuerClient Issuer { get; } = new(issuer.Gateway, issuerKey, new IssuerClientOptions { IssuerId = IssuerId, ChannelName = channel });

        public HolderWallet Wallet { get; } = new(holder.Gateway, options: new HolderWalletOptions { ChannelName = channel });

        public IdentityConnection VerifierConnection => verifier;

        public async ValueTask DisposeAsync()
        {
            await issuer.DisposeAsync();
            await holder.DisposeAsync();
            await verifier.DisposeAsync();
            issuerKey.Dispose();
        }
    }

    private sealed class IdentityConnection(Grpc.Net.Client.GrpcChannel channel, IGateway gateway, INetwork network) : IAsyncDisposable
    {
        public IGateway Gateway { get; } = gateway;

        public INetwork Network { get; } = network;

        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            channel.Dispose();
        }
    }
}
