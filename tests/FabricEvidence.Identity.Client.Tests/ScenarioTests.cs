using System.Text.Json.Nodes;
using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Client.Tests;

/// <summary>The issue's scenario through the typed clients against the real contract behind a Gateway endpoint.</summary>
public sealed class ScenarioTests
{
    private static readonly string[] Disclosed = ["age_over_18", "address/locality"];

    [Fact]
    public async Task Issue_consent_verify_suspend_reinstate_revoke_withdraw_and_list_who_verified_what()
    {
        await using var network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        var issuer = network.Issuer();
        var verifier = network.Verifier();
        var wallet = network.Wallet();
        using var holderKey = HolderKey.Generate();

        var issued = await issuer.IssueAsync(IdentityNetwork.Residence(holderKey.PublicKey));
        var entry = wallet.Add(issued.Credential.SdJwt, holderKey, "residence");
        var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
        {
            EntryId = entry.Id, Verifier = "Org2MSP", Purpose = IdentityNetwork.Purpose, Claims = Disclosed,
            Expires = DateTimeOffset.UtcNow.AddDays(30), ConsentId = "consent-1",
        });

        Task<VerificationOutcome> VerifyAsync()
        {
            var nonce = VerifierClient.CreateNonce();
            var presentation = wallet.Present(entry.Id, Disclosed, verifier.Audience, nonce);
            return verifier.VerifyAsync(new VerifyPresentationRequest { Presentation = presentation.Compact, Nonce = nonce, ConsentId = consent.Id, Purpose = IdentityNetwork.Purpose });
        }

        var passed = await VerifyAsync();
        var suspended = await issuer.SuspendAsync(issued.Record.Id, StatusReasons.UnderInvestigation);
        var whileSuspended = await VerifyAsync();
        await issuer.ReinstateAsync(issued.Record.Id, StatusReasons.InvestigationCleared);
        var reinstated = await VerifyAsync();
        var revoked = await issuer.RevokeAsync(issued.Record.Id, StatusReasons.FactsChanged);
        var whileRevoked = await VerifyAsync();
        var withdrawn = await wallet.WithdrawConsentAsync(entry.Id, consent.Id);
        var refused = await Assert.ThrowsAsync<IdentityForbiddenException>(VerifyAsync);
        var log = await wallet.ListVerificationsAsync(entry.Id).ToListAsync();

        Assert.Equal(CredentialStatus.Valid, issued.Record.Status);
        Assert.Equal(issued.Credential.Commitment.IssuerSignedJwtHash, issued.Record.Issuance!.IssuerSignedJwtHash);
        Assert.Equal(holderKey.Thumbprint, issued.Record.Issuance.HolderKeyThumbprint);
        Assert.Equal(issued.Record.Id, consent.CredentialId);
        Assert.Equal(["address/locality", "age_over_18"], consent.Claims);
        Assert.True(passed.Passed);
        Assert.True(passed.Presentation.Claims["age_over_18"]!.GetValue<bool>());
        Assert.Equal("Köln", passed.Presentation.Claims["address"]!["locality"]!.GetValue<string>());
        Assert.Null(passed.Presentation.Claims["given_name"]);
        Assert.Null(passed.Presentation.Claims["address"]!["street_address"]);
        Assert.Equal(CredentialStatus.Suspended, suspended.Status);
        Assert.Equal(VerificationResults.Suspended, whileSuspended.Result);
        Assert.False(whileSuspended.Passed);
        Assert.True(reinstated.Passed);
        Assert.Equal(CredentialStatus.Revoked, revoked.Status);
        Assert.Equal(VerificationResults.Revoked, whileRevoked.Result);
        Assert.NotNull(withdrawn.Revoked);
        Assert.Equal("RecordVerification", refused.Operation);
        Assert.Equal(IdentityErrorCode.Forbidden, refused.Code);
        Assert.Equal(
            [VerificationResults.Passed, VerificationResults.Suspended, VerificationResults.Passed, VerificationResults.Revoked],
            log.Select(v => v.Result));
        // The locality's parent object is disclosed too (without its other members): its name is on the record.
        Assert.All(log, v => Assert.Equal(["address", "address/locality", "age_over_18"], v.Claims));
        Assert.All(log, v => Assert.Equal("Org2MSP", v.Verifier.MspId));
        Assert.Equal(passed.Record.Id, log[0].Id);
        var ledger = network.LedgerText();
        Assert.All(IdentityNetwork.PersonalValues, value => Assert.DoesNotContain(value, ledger, StringComparison.Ordinal));
        Assert.Contains(issued.Record.Issuance.IssuerSignedJwtHash, ledger, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_credential_with_only_some_of_its_types_claims_discloses_those_it_has()
    {
        await using var network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        using var holderKey = HolderKey.Generate();
        var wallet = network.Wallet();
        var verifier = network.Verifier();

        // The type also lists given_name, family_name, birthdate and the address's other members: a credential may omit them.
        var issued = await network.Issuer().IssueAsync(new IssueCredentialRequest
        {
            Vct = IdentityNetwork.Vct,
            HolderKey = holderKey.PublicKey,
            Claims = new JsonObject { ["age_over_18"] = true, ["address"] = new JsonObject { ["locality"] = "Köln" } },
            Expires = DateTimeOffset.UtcNow.AddYears(1),
        });
        var entry = wallet.Add(issued.Credential.SdJwt, holderKey, "partial");
        var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
        {
            EntryId = entry.Id, Verifier = "Org2MSP", Purpose = IdentityNetwork.Purpose, Claims = Disclosed, Expires = DateTimeOffset.UtcNow.AddDays(1),
        });
        var nonce = VerifierClient.CreateNonce();
        var presentation = wallet.Present(entry.Id, Disclosed, verifier.Audience, nonce);
        var outcome = await verifier.VerifyAsync(new VerifyPresentationRequest { Presentation = presentation.Compact, Nonce = nonce, ConsentId = consent.Id, Purpose = IdentityNetwork.Purpose });

        Assert.Equal(3, issued.Credential.Disclosures.Count); // address, address/locality, age_over_18
        Assert.True(outcome.Passed, outcome.Result);
        Assert.Equal("Köln", outcome.Presentation.Claims["address"]!["locality"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_status_list_token_signed_from_the_ledger_carries_the_suspension_and_verifies()
    {
        await using var network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        var issuer = network.Issuer();
        using var holderKey = HolderKey.Generate();
        var first = await issuer.IssueAsync(IdentityNetwork.Residence(holderKey.PublicKey));
        var second = await issuer.IssueAsync(IdentityNetwork.Residence(holderKey.PublicKey));
        await issuer.SuspendAsync(first.Record.Id, StatusReasons.UnderInvestigation);
        await issuer.RevokeAsync(second.Record.Id, StatusReasons.IssuedInError);

        var token = await issuer.CreateStatusListTokenAsync(first.Record.StatusListUri);
        var verified = new SdJwtVerifier(new SdJwtVerifierOptions { TrustAnchors = [Contract.Tests.Party.AuthorityOf("Org1MSP")] })
            .VerifyStatusListToken(token.Token, first.Record.StatusListUri);

        Assert.Equal(first.Record.StatusListUri, second.Record.StatusListUri);
        Assert.NotEqual(first.Record.StatusIndex, second.Record.StatusIndex);
        Assert.Equal(TokenStatus.Suspended, verified.GetStatus(new StatusReference(first.Record.StatusIndex, first.Record.StatusListUri)));
        Assert.Equal(TokenStatus.Invalid, verified.GetStatus(new StatusReference(second.Record.StatusIndex, second.Record.StatusListUri)));
        var untouched = Enumerable.Range(0, 3).First(i => i != first.Record.StatusIndex && i != second.Record.StatusIndex);
        Assert.Equal(TokenStatus.Valid, verified.GetStatus(new StatusReference(untouched, first.Record.StatusListUri)));
        Assert.Equal(2, token.Snapshot.Entries.Count);
        Assert.True(verified.List.Capacity >= StatusList.MinimumPrivacyCapacity);
    }

    [Fact]
    public async Task Concurrent_issuances_of_one_type_all_commit_with_distinct_status_entries()
    {
        // Their reservations share the open list's counter: sent together they would conflict under MVCC.
        await using var network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        var issuer = network.Issuer();
        using var holderKey = HolderKey.Generate();

        var issued = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => issuer.IssueAsync(IdentityNetwork.Residence(holderKey.PublicKey))));

        Assert.All(issued, i => Assert.Equal(CredentialStatus.Valid, i.Record.Status));
        Assert.Equal(8, issued.Select(i => i.Record.StatusIndex).Distinct().Count());
        Assert.Equal(8, issued.Select(i => i.Record.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_wallet_saved_and_reopened_still_proves_its_holder_to_the_contract()
    {
        await using var network = await (await IdentityNetwork.StartAsync()).SetUpAsync();
        using var holderKey = HolderKey.Generate();
        var issued = await network.Issuer().IssueAsync(IdentityNetwork.Residence(holderKey.PublicKey));
        var path = Path.Combine(Path.GetTempPath(), "wallet-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var wallet = network.Wallet();
            var entry = wallet.Add(issued.Credential.SdJwt, holderKey);
            await wallet.SaveAsync(path, "correct horse battery staple");
            var fileText = await File.ReadAllTextAsync(path);

            var reopened = await HolderWallet.OpenAsync(network.Gateway(Wallet), path, "correct horse battery staple");
            var consent = await reopened.GrantConsentAsync(new GrantConsentRequest
            {
                EntryId = entry.Id, Verifier = "Org3MSP", Purpose = "court-check", Claims = ["age_over_18"], Expires = DateTimeOffset.UtcNow.AddDays(1),
            });

            Assert.DoesNotContain("Mustermann", fileText, StringComparison.Ordinal);
            Assert.DoesNotContain(issued.Credential.IssuerSignedJwt, fileText, StringComparison.Ordinal);
            Assert.Equal(issued.Record.Id, await reopened.GetCredentialIdAsync(entry.Id));
            Assert.Equal("Org3MSP", consent.Verifier);
            await Assert.ThrowsAsync<WalletException>(() => HolderWallet.OpenAsync(network.Gateway(Wallet), path, "wrong passphrase"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_issuer_needs_a_majority_then_issues_only_its_types()
    {
        await using var network = await IdentityNetwork.StartAsync();
        var org1 = new RegistryClient(network.Gateway(Admin1));
        await org1.InitializeAsync(["Org1MSP", "Org2MSP", "Org3MSP"]);
        await org1.RegisterCredentialTypeAsync(IdentityNetwork.Vct, IdentityNetwork.TypeClaims, IdentityNetwork.TypeDisclosable);
        await org1.RegisterCredentialTypeAsync("urn:fabric-evidence:diploma", ["degree"], ["degree"]);
        using var holderKey = HolderKey.Generate();
        var issuer = network.Issuer();

        var proposed = await org1.ProposeIssuerAsync("p-1", IdentityNetwork.IssuerSpec(), DateTimeOffset.UtcNow.AddDays(7));
        var beforeMajority = await Assert.ThrowsAsync<IdentityForbiddenException>(() => issuer.IssueAsync(IdentityNetwork.Residence(holderKey.PublicKey)));
        var applied = await new RegistryClient(network.Gateway(Admin2)).ApproveChangeAsync("p-1");
        var issued = await issuer.IssueAsync(IdentityNetwork.Residence(holderKey.PublicKey));
        var otherType = await Assert.ThrowsAnyAsync<IdentityException>(() => issuer.IssueAsync(new IssueCredentialRequest
        {
            Vct = "urn:fabric-evidence:diploma", HolderKey = holderKey.PublicKey, Claims = new JsonObject { ["degree"] = "MSc" }, Expires = DateTimeOffset.UtcNow.AddDays(1),
        }));
        var registry = await org1.GetRegistryAsync();
        var issuerRecord = await org1.GetIssuerAsync(IdentityNetwork.IssuerId);

        Assert.Equal(ProposalState.Open, proposed.State);
        Assert.Equal("ReserveStatus", beforeMajority.Operation);
        Assert.Equal(ProposalState.Applied, applied.State);
        Assert.Equal(["Org1MSP", "Org2MSP"], applied.Approvals.Select(a => a.MspId));
        Assert.Equal(CredentialStatus.Valid, issued.Record.Status);
        Assert.Equal("ReserveStatus", otherType.Operation);
        Assert.Contains("diploma", otherType.Message, StringComparison.Ordinal);
        Assert.Equal(2, registry.Majority);
        Assert.True(issuerRecord.Active);
        Assert.Equal([IdentityNetwork.Vct], issuerRecord.Spec.CredentialTypes);
    }
}
