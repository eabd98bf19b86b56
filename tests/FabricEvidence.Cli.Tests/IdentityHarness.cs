using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Chaincode.Testing;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Gateway;
using FabricEvidence.Identity.Client;
using FabricEvidence.Identity.Contract.Tests;
using Grpc.Net.Client;
using Spectre.Console.Testing;
using static FabricEvidence.Identity.Contract.Tests.Parties;
using ContractType = FabricEvidence.Identity.Contract.IdentityContract;

namespace FabricEvidence.Cli.Tests;

/// <summary>
/// The real identity contract behind a Gateway test peer, its registry set up (Org1–Org3, the residence type, Org1's
/// registry issuer approved by Org2), and the issuer, wallet application, Org2 verifier, both organisations'
/// administrators and an unregistered Org2 issuer (the bank) as MSP folders named in a network.env, so that the tool
/// runs with <c>--user issuer|holder|verifier|admin</c> as against network.sh.
/// </summary>
public sealed class IdentityHarness : IAsyncLifetime
{
    public const string Vct = "urn:fabric-evidence:residence";
    public const string IssuerId = "https://registry.org1.example.com";
    public const string Passphrase = "correct horse battery staple";

    private ContractTestHost _host = null!;
    private GatewayTestPeer.GatewayTestPeer _peer = null!;

    public string StateDir { get; } = Directory.CreateTempSubdirectory("fe-cli-identity").FullName;

    /// <summary>Org1's CA certificate, the verifier's trust anchor for the registry issuer.</summary>
    public string Org1Ca => Path.Combine(StateDir, "org1-ca.pem");

    public async Task InitializeAsync()
    {
        _host = ContractTestHost.Create<ContractType>();
        _peer = await GatewayTestPeer.GatewayTestPeer.StartAsync(new Dictionary<string, Chaincode.IChaincode> { ["identity"] = _host.Chaincode });

        await using (var admin1 = Gateway(Admin1))
        await using (var admin2 = Gateway(Admin2))
        {
            var org1 = new RegistryClient(admin1.Gateway);
            await org1.InitializeAsync(["Org1MSP", "Org2MSP", "Org3MSP"]);
            await org1.RegisterCredentialTypeAsync(Vct, ["given_name", "family_name", "birthdate", "age_over_18", "address"],
                ["given_name", "family_name", "birthdate", "age_over_18", "address", "address/street_address", "address/locality", "address/postal_code"]);
            using var certificate = X509CertificateLoader.LoadCertificate(Issuer1.CertificateDer);
            await org1.ProposeIssuerAsync("p-issuer", new IssuerSpec(IssuerId, "Org1MSP", RegistryClient.Fingerprint(certificate), [Vct],
                DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), "https://status.org1.example.com/lists"), DateTimeOffset.UtcNow.AddDays(7));
            await new RegistryClient(admin2.Gateway).ApproveChangeAsync("p-issuer");
        }

        using (var ca = Party.AuthorityOf("Org1MSP"))
        {
            File.WriteAllText(Org1Ca, ca.ExportCertificatePem());
        }

        var address = _peer.Address.ToString().TrimEnd('/');
        File.WriteAllLines(Path.Combine(StateDir, "network.env"),
        [
            "NETWORK_STATUS=up",
            "NETWORK_CHANNEL=evidence",
            .. new[] { 1, 2 }.SelectMany(org => new[] { $"NETWORK_ORG{org}_MSP_ID=Org{org}MSP", $"NETWORK_ORG{org}_PEER_ADDRESS={address}", $"NETWORK_ORG{org}_TLS_CA=" }),
            $"NETWORK_ORG1_ISSUER_MSP={MspFolder(Issuer1)}",
            $"NETWORK_ORG1_HOLDER_MSP={MspFolder(Parties.Wallet)}",
            $"NETWORK_ORG2_VERIFIER_MSP={MspFolder(Verifier2)}",
            $"NETWORK_ORG1_ADMIN_MSP={MspFolder(Admin1)}",
            $"NETWORK_ORG2_ADMIN_MSP={MspFolder(Admin2)}",
            $"NETWORK_ORG2_ISSUER_MSP={MspFolder(Bank2)}",
        ]);
    }

    /// <summary>Runs <c>evidence args...</c> with NETWORK_STATE_DIR set to this harness and the wallet passphrase in the environment.</summary>
    public async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new TestConsole().Width(250);
        var errors = new TestConsole().Width(250);
        var environment = new CliEnvironment(name => name switch
        {
            "NETWORK_STATE_DIR" => StateDir,
            "EVIDENCE_WALLET_PASSPHRASE" => Passphrase,
            _ => null,
        });
        var code = await CliApplication.RunAsync(args, output, errors, environment);
        return new CliRun(code, output.Output, errors.Output);
    }

    /// <summary>A path for a new file in the harness's folder.</summary>
    public string NewPath(string extension) => Path.Combine(StateDir, Guid.NewGuid().ToString("N") + extension);

    /// <summary>Everything the peer holds: state keys and values, and every committed event, as text.</summary>
    public string LedgerText()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in _peer.Ledger.GetAllState())
        {
            text.Append(key).Append('=').Append(Encoding.UTF8.GetString(value)).Append('\n');
        }

        foreach (var committed in _peer.Events)
        {
            text.Append(committed.Name).Append(Encoding.UTF8.GetString(committed.Payload)).Append('\n');
        }

        return text.ToString();
    }

    public async Task DisposeAsync()
    {
        await _peer.DisposeAsync();
        await _host.DisposeAsync();
        Directory.Delete(StateDir, recursive: true);
    }

    /// <summary>The MSP folder of a party, as network.env names it.</summary>
    internal string MspFolder(Party party)
    {
        var msp = Path.Combine(StateDir, party.ToString(), "msp");
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        using var certificate = X509CertificateLoader.LoadCertificate(party.CertificateDer);
        File.WriteAllText(Path.Combine(msp, "signcerts", "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(msp, "keystore", "priv_sk"), party.Key.ExportPkcs8PrivateKeyPem());
        return msp;
    }

    private AdminGateway Gateway(Party who)
    {
        var channel = GrpcChannel.ForAddress(_peer.Address);
        using var certificate = X509CertificateLoader.LoadCertificate(who.CertificateDer);
        using var key = PrivateKey.FromPem(who.Key.ExportPkcs8PrivateKeyPem());
        var gateway = FabricGateway.Connect(new GatewayOptions
        {
            Channel = channel,
            Identity = X509Identity.FromPem(who.MspId, certificate.ExportCertificatePem()),
            Signer = Identities.CreateSigner(key, certificate),
        });
        return new AdminGateway(channel, gateway);
    }

    private sealed record AdminGateway(GrpcChannel Channel, IGateway Gateway) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Gateway.DisposeAsync();
            Channel.Dispose();
        }
    }
}
