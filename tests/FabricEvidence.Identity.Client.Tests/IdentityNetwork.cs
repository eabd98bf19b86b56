using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FabricEvidence.Chaincode.Testing;
using FabricEvidence.Gateway;
using FabricEvidence.Identity.Contract.Tests;
using Grpc.Net.Client;
using static FabricEvidence.Identity.Contract.Tests.Parties;
using ContractType = FabricEvidence.Identity.Contract.IdentityContract;

namespace FabricEvidence.Identity.Client.Tests;

/// <summary>
/// The real identity contract behind a real Gateway protocol endpoint (in memory), and clients signing as the
/// contract tests' parties: administrators of three organisations, a registry issuer of Org1, a wallet application,
/// verifiers of Org2 and Org3.
/// </summary>
internal sealed class IdentityNetwork : IAsyncDisposable
{
    public const string Vct = "urn:fabric-evidence:residence";
    public const string IssuerId = "https://registry.org1.example.com";
    public const string Purpose = "age-check";

    public static readonly string[] TypeClaims = ["given_name", "family_name", "birthdate", "age_over_18", "address"];

    public static readonly string[] TypeDisclosable =
        ["given_name", "family_name", "birthdate", "age_over_18", "address", "address/street_address", "address/locality", "address/postal_code"];

    /// <summary>Claim values that must never reach the ledger.</summary>
    public static readonly string[] PersonalValues = ["Erika", "Mustermann", "1963-08-12", "Heidestraße 17", "Köln", "51147"];

    private readonly ContractTestHost _host;
    private readonly List<IAsyncDisposable> _disposables = [];

    private IdentityNetwork(ContractTestHost host, GatewayTestPeer.GatewayTestPeer peer)
    {
        _host = host;
        Peer = peer;
    }

    public GatewayTestPeer.GatewayTestPeer Peer { get; }

    public IssuerKey IssuerKey { get; } = Issuer1.IssuerKey();

    public static async Task<IdentityNetwork> StartAsync()
    {
        var host = ContractTestHost.Create<ContractType>();
        var peer = await GatewayTestPeer.GatewayTestPeer.StartAsync(new Dictionary<string, Chaincode.IChaincode> { ["identity"] = host.Chaincode });
        return new IdentityNetwork(host, peer);
    }

    /// <summary>Initialises Org1–Org3, registers the residence type, and registers Issuer1 by Org1's proposal and Org2's approval.</summary>
    public async Task<IdentityNetwork> SetUpAsync()
    {
        var org1 = new RegistryClient(Gateway(Admin1));
        await org1.InitializeAsync(["Org1MSP", "Org2MSP", "Org3MSP"]);
        await org1.RegisterCredentialTypeAsync(Vct, TypeClaims, TypeDisclosable);
        await org1.ProposeIssuerAsync("p-issuer", IssuerSpec(), DateTimeOffset.UtcNow.AddDays(7));
        await new RegistryClient(Gateway(Admin2)).ApproveChangeAsync("p-issuer");
        return this;
    }

    public static IssuerSpec IssuerSpec(string[]? types = null)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(Issuer1.CertificateDer);
        return new IssuerSpec(IssuerId, "Org1MSP", RegistryClient.Fingerprint(certificate), types ?? [Vct],
            DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5), "https://status.org1.example.com/lists");
    }

    public IssuerClient Issuer(Party? who = null) =>
        new(Gateway(who ?? Issuer1), IssuerKey, new IssuerClientOptions { IssuerId = IssuerId });

    public HolderWallet Wallet(EncryptedWallet? store = null) => new(Gateway(Parties.Wallet), store);

    /// <summary>A verifier of <paramref name="who"/>'s organisation trusting the CAs of <paramref name="trusted"/> (Org1's by default).</summary>
    public VerifierClient Verifier(Party? who = null, params (string MspId, string CaOf)[] trusted)
    {
        var options = new VerifierClientOptions();
        foreach (var (mspId, caOf) in trusted.Length == 0 ? [("Org1MSP", "Org1MSP")] : trusted)
        {
            options.CertificateAuthorities[mspId] = [Party.AuthorityOf(caOf)];
        }

        return new VerifierClient(Gateway(who ?? Verifier2), options);
    }

    /// <summary>A gateway signing as <paramref name="who"/>.</summary>
    public IGateway Gateway(Party who)
    {
        var channel = GrpcChannel.ForAddress(Peer.Address);
        using var certificate = X509CertificateLoader.LoadCertificate(who.CertificateDer);
        using var key = PrivateKey.FromPem(who.Key.ExportPkcs8PrivateKeyPem());
        var gateway = FabricGateway.Connect(new GatewayOptions
        {
            Channel = channel,
            Identity = X509Identity.FromPem(who.MspId, certificate.ExportCertificatePem()),
            Signer = Identities.CreateSigner(key, certificate),
            Resilience = ResilienceOptions.Disabled,
        });
        _disposables.Add(gateway);
        _disposables.Add(new ChannelDisposer(channel));
        return gateway;
    }

    public static JsonObject ResidenceClaims() => new()
    {
        ["given_name"] = "Erika",
        ["family_name"] = "Mustermann",
        ["birthdate"] = "1963-08-12",
        ["age_over_18"] = true,
        ["address"] = new JsonObject
        {
            ["street_address"] = "Heidestraße 17",
            ["locality"] = "Köln",
            ["postal_code"] = "51147",
        },
    };

    public static IssueCredentialRequest Residence(HolderPublicKey holder, DateTimeOffset? expires = null, string vct = Vct) => new()
    {
        Vct = vct,
        HolderKey = holder,
        Claims = ResidenceClaims(),
        Expires = expires ?? DateTimeOffset.UtcNow.AddDays(365),
    };

    /// <summary>Everything the peer holds: state keys and values, and every committed event, as text.</summary>
    public string LedgerText()
    {
        var text = new StringBuilder();
        foreach (var (key, value) in Peer.Ledger.GetAllState())
        {
            text.Append(key).Append('=').Append(Encoding.UTF8.GetString(value)).Append('\n');
        }

        foreach (var committed in Peer.Events)
        {
            text.Append(committed.Name).Append(Encoding.UTF8.GetString(committed.Payload)).Append('\n');
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in _disposables)
        {
            await disposable.DisposeAsync();
        }

        IssuerKey.Dispose();
        await Peer.DisposeAsync();
        await _host.DisposeAsync();
    }

    private sealed class ChannelDisposer(GrpcChannel channel) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            channel.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
