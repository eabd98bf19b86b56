using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Identity;
using FabricEvidence.Identity.Client;
using FabricEvidence.Identity.Client.Tests;
using static FabricEvidence.Identity.Contract.Tests.Parties;
using Party = FabricEvidence.Identity.Contract.Tests.Party;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>
/// The portal with its identity page enabled, configured the ASP.NET way (settings only) to reach the real identity
/// contract behind the in-memory Gateway test peer as Org2's police verifier (certificate and key files, Org1's CA
/// file), and the holder's side of the scenario: Org1's registry issuer, a wallet, consents.
/// </summary>
public sealed class IdentityPortal : IAsyncLifetime
{
    /// <summary>The access code of the verifier role in these tests (only its hash is configured).</summary>
    public const string VerifierCode = "verifier-code-for-tests";

    public static readonly string[] Disclosed = ["age_over_18", "address/locality"];

    private readonly DirectoryInfo _files = Directory.CreateTempSubdirectory("fe-portal-identity-");
    private readonly List<PortalFactory> _factories = [];
    private IdentityNetwork? _network;

    internal IdentityNetwork Network => _network ?? throw new InvalidOperationException("The network is not started.");

    /// <summary>The portal on Kestrel, for the browser.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The portal on Kestrel, for in-process clients too.</summary>
    public PortalFactory Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        Portal = CreatePortal();
        BaseAddress = Portal.StartOnKestrel();
    }

    /// <summary>Another portal on the same ledger, with <paramref name="settings"/> changed (for example a short nonce lifetime).</summary>
    public PortalFactory CreatePortal(params (string Key, string? Value)[] settings) => CreatePortalSigningAs(Verifier2, settings);

    /// <summary>Another portal on the same ledger whose identity gateway signs as <paramref name="signer"/>.</summary>
    internal PortalFactory CreatePortalSigningAs(Party signer, params (string Key, string? Value)[] settings)
    {
        var factory = new PortalFactory();
        factory.Settings["Portal:Identity:Enabled"] = "true";
        factory.Settings["Portal:Identity:CertificateAuthorities:Org1MSP:0"] = WritePem("org1-ca.pem", Party.AuthorityOf("Org1MSP").ExportCertificatePem());
        factory.Settings["Portal:Identity:VerifierAccessCodeHashes:0"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(VerifierCode)));
        factory.Settings["IdentityGateway:Endpoint"] = Network.Peer.Address.ToString();
        factory.Settings["IdentityGateway:MspId"] = signer.MspId;
        using (var certificate = X509CertificateLoader.LoadCertificate(signer.CertificateDer))
        {
            factory.Settings["IdentityGateway:CertificatePath"] = WritePem(signer.Name + "-cert.pem", certificate.ExportCertificatePem());
        }

        factory.Settings["IdentityGateway:PrivateKeyPath"] = WritePem(signer.Name + "-key.pem", signer.Key.ExportPkcs8PrivateKeyPem());
        foreach (var (key, value) in settings)
        {
            factory.Settings[key] = value;
        }

        _factories.Add(factory);
        return factory;
    }

    /// <summary>A credential issued to a new holder key, in a new wallet, with a consent for Org2's verifier to see <see cref="Disclosed"/>.</summary>
    internal async Task<Holder> IssueWithConsentAsync()
    {
        var key = HolderKey.Generate();
        var issued = await Network.Issuer().IssueAsync(IdentityNetwork.Residence(key.PublicKey));
        var wallet = Network.Wallet();
        var entry = wallet.Add(issued.Credential.SdJwt, key, "residence");
        var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
        {
            EntryId = entry.Id, Verifier = "Org2MSP", Purpose = IdentityNetwork.Purpose, Claims = Disclosed,
            Expires = DateTimeOffset.UtcNow.AddDays(1), ConsentId = "consent-" + Guid.NewGuid().ToString("N")[..12],
        });
        return new Holder(wallet, entry.Id, issued.Record.Id, consent.Id, key);
    }

    public async Task DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        if (_network is not null)
        {
            await _network.DisposeAsync();
        }

        _files.Delete(recursive: true);
    }

    private string WritePem(string name, string pem)
    {
        var path = Path.Combine(_files.FullName, name);
        File.WriteAllText(path, pem);
        return path;
    }

    /// <summary>A holder of one credential with a consent for Org2's verifier.</summary>
    internal sealed record Holder(HolderWallet Wallet, string EntryId, string CredentialId, string ConsentId, HolderKey Key) : IDisposable
    {
        public string Present(string audience, string nonce, IReadOnlyCollection<string>? claims = null) =>
            Wallet.Present(EntryId, claims ?? Disclosed, audience, nonce).Compact;

        public async Task<IReadOnlyList<VerificationRecord>> VerificationsAsync() => await Wallet.ListVerificationsAsync(EntryId).ToListAsync();

        public void Dispose() => Key.Dispose();
    }
}
