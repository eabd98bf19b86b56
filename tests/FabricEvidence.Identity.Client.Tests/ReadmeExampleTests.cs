using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Identity.Contract.Tests;
using FabricEvidence.TestSupport;
using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Client.Tests;

/// <summary>The README's opening example, run against the contract behind the Gateway test peer with an issuer MSP folder on disk.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("identity-readme");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_README_opens_with_the_example_this_test_runs()
    {
        var (mirrored, problem) = ReadmeSnippets.IsMirrored("sdk/FabricEvidence.Identity.Client/README.md", "tests/FabricEvidence.Identity.Client.Tests/ReadmeExampleTests.cs");

        Assert.True(mirrored, problem);
    }

    [Fact]
    public async Task The_README_example_issues_consents_presents_verifies_and_saves_the_wallet()
    {
        await using var network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        var issuerMspPath = Path.Combine(_directory.FullName, "msp");
        Directory.CreateDirectory(Path.Combine(issuerMspPath, "signcerts"));
        Directory.CreateDirectory(Path.Combine(issuerMspPath, "keystore"));
        using (var certificate = X509CertificateLoader.LoadCertificate(Issuer1.CertificateDer))
        {
            await File.WriteAllTextAsync(Path.Combine(issuerMspPath, "signcerts", "cert.pem"), certificate.ExportCertificatePem());
        }

        await File.WriteAllTextAsync(Path.Combine(issuerMspPath, "keystore", "priv_sk"), Issuer1.Key.ExportPkcs8PrivateKeyPem());
        var org1IssuerGateway = network.Gateway(Issuer1);
        var walletGateway = network.Gateway(Wallet);
        var org2VerifierGateway = network.Gateway(Verifier2);
        using var holderKey = HolderKey.Generate();
        var claims = IdentityNetwork.ResidenceClaims();
        var walletPath = Path.Combine(_directory.FullName, "wallet.json");
        var passphrase = "correct horse battery staple";
        using var org1RootCa = Party.AuthorityOf("Org1MSP");
        var ct = CancellationToken.None;

        // Org1's registry issuer
        using var key = IssuerKey.FromMspDirectory(issuerMspPath); // .../users/Issuer@org1.example.com/msp
        var issuer = new IssuerClient(org1IssuerGateway, key, new IssuerClientOptions { IssuerId = "https://registry.org1.example.com" });
        var issued = await issuer.IssueAsync(new IssueCredentialRequest
        {
            Vct = "urn:fabric-evidence:residence", HolderKey = holderKey.PublicKey, Claims = claims, Expires = DateTimeOffset.UtcNow.AddYears(1),
        }, ct);

        // The holder
        var wallet = await HolderWallet.OpenAsync(walletGateway, walletPath, passphrase, cancellationToken: ct);
        var entry = wallet.Add(issued.Credential.SdJwt, holderKey, "residence");
        var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
        {
            EntryId = entry.Id, Verifier = "Org2MSP", Purpose = "police-age-check",
            Claims = ["age_over_18", "address/locality"], Expires = DateTimeOffset.UtcNow.AddDays(30),
        }, ct);

        // Org2's police verifier: a nonce to the holder, a presentation back
        var options = new VerifierClientOptions();
        options.CertificateAuthorities["Org1MSP"] = [org1RootCa];
        var verifier = new VerifierClient(org2VerifierGateway, options);
        var nonce = VerifierClient.CreateNonce();
        var presentation = wallet.Present(entry.Id, ["age_over_18", "address/locality"], verifier.Audience, nonce);
        var outcome = await verifier.VerifyAsync(new VerifyPresentationRequest
        {
            Presentation = presentation.Compact, Nonce = nonce, ConsentId = consent.Id, Purpose = "police-age-check",
        }, ct);
        // outcome.Passed / outcome.Result ("passed", "suspended", "revoked", ...), outcome.Presentation.Claims
        await wallet.SaveAsync(walletPath, passphrase, ct);

        Assert.True(outcome.Passed, outcome.Result);
        Assert.Equal("Köln", outcome.Presentation.Claims["address"]!["locality"]!.GetValue<string>());
        Assert.Equal(issued.Record.Id, outcome.Record.CredentialId);
        var reopened = await HolderWallet.OpenAsync(walletGateway, walletPath, passphrase);
        Assert.Equal([outcome.Record.Id], (await reopened.ListVerificationsAsync(entry.Id).ToListAsync()).Select(v => v.Id));
    }
}
