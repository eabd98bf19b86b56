using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using FabricEvidence.Gateway.DependencyInjection;
using FabricEvidence.Gateway;
using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Client.Tests;

/// <summary>Refusals and rejections arrive typed, say what failed, and record nothing.</summary>
public sealed class RefusalTests
{
    private static readonly string[] Disclosed = ["age_over_18", "address/locality"];

    private sealed record Setup(IdentityNetwork Network, IssuanceResult Issued, HolderWallet Wallet, WalletEntry Entry, ConsentRecord Consent, HolderKey HolderKey) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            HolderKey.Dispose();
            await Network.DisposeAsync();
        }
    }

    private static async Task<Setup> IssuedWithConsentAsync()
    {
        var network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        var holderKey = HolderKey.Generate();
        var issued = await network.Issuer().IssueAsync(IdentityNetwork.Residence(holderKey.PublicKey));
        var wallet = network.Wallet();
        var entry = wallet.Add(issued.Credential.SdJwt, holderKey);
        var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
        {
            EntryId = entry.Id, Verifier = "Org2MSP", Purpose = IdentityNetwork.Purpose, Claims = Disclosed, Expires = DateTimeOffset.UtcNow.AddDays(30),
        });
        return new Setup(network, issued, wallet, entry, consent, holderKey);
    }

    private static VerifyPresentationRequest Request(Setup setup, string audience = "Org2MSP", string? nonce = null, string[]? claims = null, string purpose = IdentityNetwork.Purpose)
    {
        var sent = nonce ?? VerifierClient.CreateNonce();
        return new VerifyPresentationRequest
        {
            Presentation = setup.Wallet.Present(setup.Entry.Id, claims ?? Disclosed, audience, sent).Compact,
            Nonce = sent,
            ConsentId = setup.Consent.Id,
            Purpose = purpose,
        };
    }

    private static int Verifications(Setup setup) => setup.Network.Peer.Events.Count(e => e.Name == "VerificationRecorded");

    [Fact]
    public async Task A_replayed_nonce_is_a_conflict_and_records_nothing_more()
    {
        await using var setup = await IssuedWithConsentAsync();
        var verifier = setup.Network.Verifier();
        var request = Request(setup);
        await verifier.VerifyAsync(request);

        var replay = await Assert.ThrowsAsync<IdentityConflictException>(() => verifier.VerifyAsync(request));

        Assert.Equal(IdentityErrorCode.Conflict, replay.Code);
        Assert.Equal(setup.Issued.Record.Id, replay.Subject);
        Assert.Contains("RecordVerification of " + setup.Issued.Record.Id + " was refused (conflict)", replay.Message, StringComparison.Ordinal);
        Assert.IsType<EndorseException>(replay.InnerException);
        Assert.Equal(1, Verifications(setup));
    }

    [Fact]
    public async Task Claims_beyond_the_consent_another_purpose_or_another_verifier_are_forbidden()
    {
        await using var setup = await IssuedWithConsentAsync();
        var verifier2 = setup.Network.Verifier();
        var verifier3 = setup.Network.Verifier(Verifier3);

        var beyond = await Assert.ThrowsAsync<IdentityForbiddenException>(() => verifier2.VerifyAsync(Request(setup, claims: ["age_over_18", "given_name"])));
        var purpose = await Assert.ThrowsAsync<IdentityForbiddenException>(() => verifier2.VerifyAsync(Request(setup, purpose: "marketing")));
        var other = await Assert.ThrowsAsync<IdentityForbiddenException>(() => verifier3.VerifyAsync(Request(setup, audience: "Org3MSP")));

        Assert.DoesNotContain("Erika", beyond.Message, StringComparison.Ordinal);
        Assert.All([beyond, purpose, other], e => Assert.Equal("RecordVerification", e.Operation));
        Assert.Equal(0, Verifications(setup));
    }

    [Fact]
    public async Task The_verifier_rejects_a_wrong_audience_or_nonce_an_untrusted_CA_and_a_CA_of_another_organisation_before_recording()
    {
        await using var setup = await IssuedWithConsentAsync();
        var verifier = setup.Network.Verifier();
        var org2OnlyTrusted = setup.Network.Verifier(Verifier2, ("Org2MSP", "Org2MSP"));
        var org1CaUnderOrg2 = setup.Network.Verifier(Verifier2, ("Org2MSP", "Org1MSP"));

        var audience = await Assert.ThrowsAsync<PresentationRejectedException>(() => verifier.VerifyAsync(Request(setup, audience: "Org3MSP")));
        var nonce = await Assert.ThrowsAsync<PresentationRejectedException>(() => VerifyWithOtherNonce(verifier, setup));
        var untrusted = await Assert.ThrowsAsync<PresentationRejectedException>(() => org2OnlyTrusted.VerifyAsync(Request(setup)));
        var misplaced = await Assert.ThrowsAsync<PresentationRejectedException>(() => org1CaUnderOrg2.VerifyAsync(Request(setup)));

        Assert.Equal(PresentationRejectionReason.Credential, audience.Reason);
        Assert.Equal(SdJwtErrorCode.AudienceMismatch, audience.SdJwtCode);
        Assert.Equal(SdJwtErrorCode.NonceMismatch, nonce.SdJwtCode);
        Assert.Equal(PresentationRejectionReason.Credential, untrusted.Reason);
        Assert.Equal(SdJwtErrorCode.UntrustedIssuer, untrusted.SdJwtCode);
        Assert.Equal(PresentationRejectionReason.IssuerNotRegistered, misplaced.Reason);
        Assert.Contains("Org1MSP", misplaced.Message, StringComparison.Ordinal);
        Assert.Equal(0, Verifications(setup));
    }

    private static Task<VerificationOutcome> VerifyWithOtherNonce(VerifierClient verifier, Setup setup)
    {
        var request = Request(setup);
        return verifier.VerifyAsync(new VerifyPresentationRequest { Presentation = request.Presentation, Nonce = VerifierClient.CreateNonce(), ConsentId = request.ConsentId, Purpose = request.Purpose });
    }

    [Fact]
    public async Task A_credential_the_ledger_never_recorded_is_rejected()
    {
        await using var setup = await IssuedWithConsentAsync();
        // Signed by the registered issuer's key, but its issuance never recorded.
        var unrecorded = new SdJwtIssuer(setup.Network.IssuerKey).Issue(new CredentialRequest
        {
            Vct = IdentityNetwork.Vct, Issuer = IdentityNetwork.IssuerId, HolderKey = setup.HolderKey.PublicKey,
            Claims = IdentityNetwork.ResidenceClaims(), SelectivelyDisclosable = IdentityNetwork.TypeDisclosable, Expires = DateTimeOffset.UtcNow.AddDays(1),
        });
        var entry = setup.Wallet.Add(unrecorded.SdJwt, setup.HolderKey);
        var nonce = VerifierClient.CreateNonce();

        var rejected = await Assert.ThrowsAsync<PresentationRejectedException>(() => setup.Network.Verifier().VerifyAsync(new VerifyPresentationRequest
        {
            Presentation = setup.Wallet.Present(entry.Id, Disclosed, "Org2MSP", nonce).Compact, Nonce = nonce, ConsentId = setup.Consent.Id, Purpose = IdentityNetwork.Purpose,
        }));
        var unknown = await Assert.ThrowsAsync<IdentityNotFoundException>(() => setup.Wallet.GetCredentialIdAsync(entry.Id));

        Assert.Equal(PresentationRejectionReason.CredentialNotRecorded, rejected.Reason);
        Assert.Equal("FindCredentialByHash", unknown.Operation);
        Assert.Equal(0, Verifications(setup));
    }

    [Fact]
    public async Task Status_changes_by_another_issuer_a_free_text_reason_or_a_verifier_are_refused()
    {
        await using var setup = await IssuedWithConsentAsync();
        var id = setup.Issued.Record.Id;
        var stranger = new IssuerClient(setup.Network.Gateway(UnregisteredIssuer), setup.Network.IssuerKey, new IssuerClientOptions { IssuerId = IdentityNetwork.IssuerId });
        var asVerifier = new IssuerClient(setup.Network.Gateway(Verifier2), setup.Network.IssuerKey, new IssuerClientOptions { IssuerId = IdentityNetwork.IssuerId });

        var byStranger = await Assert.ThrowsAsync<IdentityForbiddenException>(() => stranger.SuspendAsync(id, StatusReasons.UnderInvestigation));
        var freeText = await Assert.ThrowsAsync<IdentityInvalidArgumentException>(() => setup.Network.Issuer().RevokeAsync(id, "moved to Erika's new flat"));
        var byVerifier = await Assert.ThrowsAsync<IdentityForbiddenException>(() => asVerifier.RevokeAsync(id, StatusReasons.IssuedInError));
        var reinstateValid = await Assert.ThrowsAsync<IdentityWrongStateException>(() => setup.Network.Issuer().ReinstateAsync(id, StatusReasons.InvestigationCleared));
        var missing = await Assert.ThrowsAsync<IdentityNotFoundException>(() => setup.Network.Issuer().GetCredentialAsync("no-such-credential"));
        var record = await setup.Network.Issuer().GetCredentialAsync(id);

        Assert.Equal("Suspend", byStranger.Operation);
        Assert.Contains("reasonCode", freeText.ContractMessage, StringComparison.Ordinal);
        Assert.Equal("Revoke", byVerifier.Operation);
        Assert.Equal("Reinstate", reinstateValid.Operation);
        Assert.Equal("no-such-credential", missing.Subject);
        Assert.Equal(CredentialStatus.Valid, record.Status);
        Assert.Null(record.LastStatusChange);
    }

    [Fact]
    public async Task Registry_refusals_are_typed()
    {
        await using var network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        var org1 = new RegistryClient(network.Gateway(Admin1));

        var again = await Assert.ThrowsAsync<IdentityConflictException>(() => org1.InitializeAsync(["Org1MSP"]));
        var notAdmin = await Assert.ThrowsAsync<IdentityForbiddenException>(() => new RegistryClient(network.Gateway(Verifier2)).ApproveChangeAsync("p-issuer"));
        var outsider = await Assert.ThrowsAsync<IdentityForbiddenException>(() => new RegistryClient(network.Gateway(OutsiderAdmin)).ProposeIssuerRemovalAsync("p-x", IdentityNetwork.IssuerId, DateTimeOffset.UtcNow.AddDays(1)));
        var applied = await Assert.ThrowsAsync<IdentityWrongStateException>(() => new RegistryClient(network.Gateway(Admin3)).ApproveChangeAsync("p-issuer"));
        var unknownType = await Assert.ThrowsAsync<IdentityNotFoundException>(() => org1.GetCredentialTypeAsync("urn:none"));

        Assert.Equal("Initialize", again.Operation);
        Assert.Equal("p-issuer", notAdmin.Subject);
        Assert.Equal("ProposeChange", outsider.Operation);
        Assert.Equal("ApproveChange", applied.Operation);
        Assert.Equal("urn:none", unknownType.Subject);
    }

    [Fact]
    public void Options_and_arguments_are_checked_by_name()
    {
        using var gateway = OfflineGateway();
        var noIssuer = Assert.Throws<ArgumentNullException>(() => new IssuerClient(gateway, null!, new IssuerClientOptions()));
        using var key = Contract.Tests.Parties.Issuer1.IssuerKey();
        var noIssuerId = Assert.Throws<ArgumentException>(() => new IssuerClient(gateway, key, new IssuerClientOptions()));
        var attempts = Assert.Throws<ArgumentException>(() => new IssuerClient(gateway, key, new IssuerClientOptions { IssuerId = "x", ReservationAttempts = 0 }));
        var noCa = Assert.Throws<ArgumentException>(() => new VerifierClient(gateway, new VerifierClientOptions()));
        var page = Assert.Throws<ArgumentException>(() => new HolderWallet(gateway, options: new HolderWalletOptions { PageSize = 101 }));
        var channel = Assert.Throws<ArgumentException>(() => new RegistryClient(gateway, new RegistryClientOptions { ChannelName = " " }));
        var wallet = new HolderWallet(gateway);

        Assert.Equal("key", noIssuer.ParamName);
        Assert.Contains("IssuerId", noIssuerId.Message, StringComparison.Ordinal);
        Assert.Contains("ReservationAttempts", attempts.Message, StringComparison.Ordinal);
        Assert.Contains("CertificateAuthorities", noCa.Message, StringComparison.Ordinal);
        Assert.Contains("PageSize", page.Message, StringComparison.Ordinal);
        Assert.Contains("ChannelName", channel.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => wallet.Present("missing", ["age_over_18"], "Org2MSP", "n"));
    }

    [Fact]
    public void The_clients_resolve_from_dependency_injection_over_the_named_gateway()
    {
        var services = new ServiceCollection();
        using var gateway = OfflineGateway();
        services.AddSingleton<IFabricGatewayFactory>(new FakeFactory("org2", gateway));
        services.AddVerifierClient(o =>
        {
            o.GatewayName = "org2";
            o.CertificateAuthorities["Org1MSP"] = [Contract.Tests.Party.AuthorityOf("Org1MSP")];
        });
        services.AddIssuerClient(_ => Contract.Tests.Parties.Issuer1.IssuerKey(), o => { o.GatewayName = "org2"; o.IssuerId = IdentityNetwork.IssuerId; });
        services.AddRegistryClient(o => o.GatewayName = "org2");
        using var provider = services.BuildServiceProvider();

        var verifier = provider.GetRequiredService<VerifierClient>();
        var issuer = provider.GetRequiredService<IssuerClient>();

        Assert.Same(verifier, provider.GetRequiredService<VerifierClient>());
        Assert.Equal("Org2MSP", verifier.Audience);
        Assert.Equal(IdentityNetwork.IssuerId, issuer.IssuerId);
        Assert.Same(provider.GetRequiredService<IssuerKey>(), issuer.Key);
        Assert.NotNull(provider.GetRequiredService<RegistryClient>());
    }

    [Fact]
    public void The_model_factory_builds_consistent_records()
    {
        var suspended = IdentityModelFactory.CredentialRecord(status: CredentialStatus.Suspended);
        var reserved = IdentityModelFactory.CredentialRecord(status: CredentialStatus.Reserved);
        var failed = IdentityModelFactory.VerificationRecord(VerificationResults.Revoked);
        var consent = IdentityModelFactory.ConsentRecord(revoked: true);

        Assert.Equal(CredentialStatus.Suspended, suspended.LastStatusChange!.Status);
        Assert.NotNull(suspended.Issuance);
        Assert.Null(reserved.Issuance);
        Assert.False(failed.Passed);
        Assert.True(IdentityModelFactory.VerificationRecord().Passed);
        Assert.NotNull(consent.Revoked);
        Assert.Equal("verifier", failed.Verifier.Role);
    }

    /// <summary>A gateway as Org2's verifier whose channel never connects: enough to construct clients.</summary>
    private static IGateway OfflineGateway()
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Verifier2.CertificateDer);
        using var key = PrivateKey.FromPem(Verifier2.Key.ExportPkcs8PrivateKeyPem());
        return FabricGateway.Connect(new GatewayOptions
        {
            Channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:9"),
            Identity = X509Identity.FromPem("Org2MSP", certificate.ExportCertificatePem()),
            Signer = Identities.CreateSigner(key, certificate),
        });
    }

    private sealed class FakeFactory(string name, IGateway gateway) : IFabricGatewayFactory
    {
        public IGateway GetGateway(string requested) =>
            requested == name ? gateway : throw new InvalidOperationException($"No gateway named '{requested}'.");
    }
}
