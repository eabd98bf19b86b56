using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Contract.Tests;

/// <summary>The whole life of a credential on the ledger, as the issue's end-to-end scenario describes it.</summary>
public sealed class LifecycleTests : IAsyncLifetime
{
    private World _w = null!;

    public async Task InitializeAsync() => _w = await new World().SetUpAsync();

    public async Task DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Registry_is_initialised_and_the_issuer_registered_by_a_majority()
    {
        var config = await _w.QueryAsync<RegistryConfig>("GetRegistry");
        Assert.Equal(["Org1MSP", "Org2MSP", "Org3MSP"], config.Organisations);
        Assert.Equal(2, config.Majority);
        var proposal = await _w.QueryAsync<ChangeProposal>("GetProposal", "p-issuer");
        Assert.Equal(ProposalState.Applied, proposal.State);
        Assert.Equal(["Org1MSP", "Org2MSP"], proposal.Approvals.Select(a => a.MspId));
        Assert.Equal(Admin1.Fingerprint, proposal.Approvals[0].CertificateFingerprint);
        var issuer = await _w.QueryAsync<IssuerRecord>("GetIssuer", World.IssuerId);
        Assert.True(issuer.Active);
        Assert.Equal(Issuer1.Fingerprint, issuer.Spec.CertificateFingerprint);
        var applied = _w.Outcomes.Single(o => o.Event?.Name == IdentityEventTypes.ChangeApplied).EventPayload;
        Assert.Equal((2, 2, World.IssuerId), (applied.Approvals, applied.Required, applied.IssuerId));
    }

    [Fact]
    public async Task A_single_organisation_cannot_register_an_issuer()
    {
        var proposal = await _w.OkAsync<ChangeProposal>(Admin3, "ProposeChange", ["p-bank", "AddIssuer", _w.IssuerSpecJson(Bank2, "https://bank.org2.example.com", mspId: "Org2MSP"), _w.In(TimeSpan.FromDays(1))]);
        Assert.Equal(ProposalState.Open, proposal.State);
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => _w.RunAsync(NoRole, "GetIssuer", ["https://bank.org2.example.com"], submit: false));
        var applied = await _w.OkAsync<ChangeProposal>(Admin2, "ApproveChange", ["p-bank"]);
        Assert.Equal(ProposalState.Applied, applied.State);
        Assert.True((await _w.QueryAsync<IssuerRecord>("GetIssuer", "https://bank.org2.example.com")).Active);
    }

    [Fact]
    public async Task Issuance_records_hashes_digests_and_thumbprint_only()
    {
        var (record, credential) = await _w.IssueAsync("cred-residence-1");
        Assert.Equal(CredentialStatus.Valid, record.Status);
        Assert.Equal(credential.Commitment.IssuerSignedJwtHash, record.Issuance!.IssuerSignedJwtHash);
        Assert.Equal(credential.Commitment.DisclosureDigests, record.Issuance.DisclosureDigests);
        Assert.Equal(_w.Holder.Thumbprint, record.Issuance.HolderKeyThumbprint);
        Assert.Equal(World.Timestamp(credential.Commitment.Expires!.Value), record.Issuance.ValidUntil.ToString());
        Assert.StartsWith(World.StatusBase + "/", record.StatusListUri, StringComparison.Ordinal);
        Assert.InRange(record.StatusIndex, 0, IdentityLimits.StatusListCapacity - 1);
        var byHash = await _w.QueryAsync<CredentialRecord>("FindCredentialByHash", record.Issuance.IssuerSignedJwtHash);
        Assert.Equal(record.Id, byHash.Id);
        Assert.Contains(_w.Outcomes, o => o.Event?.Name == IdentityEventTypes.CredentialIssued && o.EventPayload.CredentialId == record.Id);
    }

    [Fact]
    public async Task Verification_follows_status_and_consent_through_the_whole_scenario()
    {
        var (record, credential) = await _w.IssueAsync();
        await _w.ConsentAsync(record.Id, "consent-1");

        async Task<string> VerifyAsync(string nonce)
        {
            var outcome = await _w.RecordVerificationAsync(record.Id, "consent-1", _w.Present(credential, nonce), nonce);
            Assert.True(outcome.IsSuccess, outcome.Message);
            var verification = outcome.As<VerificationRecord>();
            Assert.Equal(["address", "address/locality", "age_over_18"], verification.Claims);
            return verification.Result;
        }

        Assert.Equal(VerificationResults.Passed, await VerifyAsync("n-1"));
        await _w.OkAsync<CredentialRecord>(Issuer1, "Suspend", [record.Id, StatusReasonCodes.UnderInvestigation]);
        Assert.Equal(VerificationResults.Suspended, await VerifyAsync("n-2"));
        await _w.OkAsync<CredentialRecord>(Issuer1, "Reinstate", [record.Id, StatusReasonCodes.InvestigationCleared]);
        Assert.Equal(VerificationResults.Passed, await VerifyAsync("n-3"));
        await _w.OkAsync<CredentialRecord>(Issuer1, "Revoke", [record.Id, StatusReasonCodes.FactsChanged]);
        Assert.Equal(VerificationResults.Revoked, await VerifyAsync("n-4"));

        var proof = _w.HolderProofToken(record.Id, HolderProof.RevokeConsentAction, "consent-1");
        var revoked = await _w.OkAsync<ConsentRecord>(Wallet, "RevokeConsent", ["consent-1", proof, _w.Holder.PublicKey.ToJwkJson()]);
        Assert.NotNull(revoked.Revoked);
        var refused = await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RecordVerificationAsync(record.Id, "consent-1", _w.Present(credential, "n-5"), "n-5"));
        Assert.Contains("revoked", refused.Message, StringComparison.Ordinal);

        var list = _w.HolderProofToken(record.Id, HolderProof.ListVerificationsAction);
        var page = (await _w.RunAsync(Wallet, "ListVerifications", [record.Id, list, _w.Holder.PublicKey.ToJwkJson(), "10", ""], submit: false)).As<VerificationPage>();
        Assert.Equal([VerificationResults.Passed, VerificationResults.Suspended, VerificationResults.Passed, VerificationResults.Revoked], page.Items.Select(v => v.Result));
        Assert.All(page.Items, v => Assert.Equal(("Org2MSP", World.Purpose, "consent-1"), (v.Verifier.MspId, v.Purpose, v.ConsentId)));
        Assert.Equal(Verifier2.Fingerprint, page.Items[0].Verifier.CertificateFingerprint);
        Assert.Empty(page.Bookmark);
    }

    [Fact]
    public async Task Verifications_page_with_bookmarks()
    {
        var (record, credential) = await _w.IssueAsync();
        await _w.ConsentAsync(record.Id, "consent-p");
        for (var i = 0; i < 5; i++)
        {
            var outcome = await _w.RecordVerificationAsync(record.Id, "consent-p", _w.Present(credential, "page-" + i), "page-" + i);
            Assert.True(outcome.IsSuccess, outcome.Message);
        }

        var seen = new List<string>();
        var bookmark = string.Empty;
        do
        {
            var list = _w.HolderProofToken(record.Id, HolderProof.ListVerificationsAction);
            var page = (await _w.RunAsync(Wallet, "ListVerifications", [record.Id, list, _w.Holder.PublicKey.ToJwkJson(), "2", bookmark], submit: false)).As<VerificationPage>();
            seen.AddRange(page.Items.Select(v => v.Id));
            bookmark = page.Bookmark;
        }
        while (bookmark.Length > 0);

        Assert.Equal(5, seen.Distinct().Count());
    }

    [Fact]
    public async Task Status_list_from_the_ledger_signs_into_a_token_verifiers_read()
    {
        var (a, _) = await _w.IssueAsync();
        var (b, _) = await _w.IssueAsync();
        var (c, _) = await _w.IssueAsync();
        await _w.OkAsync<CredentialRecord>(Issuer1, "Suspend", [a.Id, StatusReasonCodes.UnderInvestigation]);
        await _w.OkAsync<CredentialRecord>(Issuer1, "Revoke", [b.Id, StatusReasonCodes.KeyCompromise]);
        Assert.Equal(a.StatusListUri, b.StatusListUri);

        var snapshot = await _w.QueryAsync<StatusListSnapshot>("GetStatusList", a.StatusListUri);
        Assert.Equal(IdentityLimits.StatusListCapacity, snapshot.List.Capacity);
        Assert.Equal(3, snapshot.List.Allocated);
        Assert.Equal(2, snapshot.Entries.Count);

        var list = StatusList.Decode(snapshot.List.Bits, snapshot.Lst);
        var token = _w.SdJwtIssuer.IssueStatusListToken(list, new StatusListTokenRequest { Uri = snapshot.List.Uri, TimeToLive = TimeSpan.FromMinutes(10) });
        using var root = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Issuer1.CertificateDer);
        var verifier = new SdJwtVerifier(new SdJwtVerifierOptions { TrustAnchors = [CaOf(Issuer1)], TimeProvider = _w.Clock });
        var verified = verifier.VerifyStatusListToken(token, a.StatusListUri);
        Assert.Equal(TokenStatus.Suspended, verified.GetStatus(new StatusReference(a.StatusIndex, a.StatusListUri)));
        Assert.Equal(TokenStatus.Invalid, verified.GetStatus(new StatusReference(b.StatusIndex, b.StatusListUri)));
        Assert.Equal(TokenStatus.Valid, verified.GetStatus(new StatusReference(c.StatusIndex, c.StatusListUri)));

        await _w.OkAsync<CredentialRecord>(Issuer1, "Reinstate", [a.Id, StatusReasonCodes.InvestigationCleared]);
        Assert.Single((await _w.QueryAsync<StatusListSnapshot>("GetStatusList", a.StatusListUri)).Entries);
    }

    [Fact]
    public async Task Status_indexes_are_unique_and_scattered_not_in_issuance_order()
    {
        var indexes = new List<int>();
        for (var i = 0; i < 24; i++)
        {
            indexes.Add((await _w.ReserveAsync(_w.NewId("scatter"))).StatusIndex);
        }

        Assert.Equal(indexes.Count, indexes.Distinct().Count());
        Assert.NotEqual(indexes.Order(), indexes);
        Assert.True(indexes.Max() - indexes.Min() > IdentityLimits.StatusListCapacity / 2, "positions should spread over the list");
        var reserved = _w.Outcomes.Where(o => o.Event?.Name == IdentityEventTypes.StatusReserved).Select(o => o.EventPayload).ToList();
        Assert.Equal(indexes, reserved.TakeLast(24).Select(e => e.StatusIndex!.Value));
    }

    [Fact]
    public async Task Credential_types_get_new_versions_and_issuances_keep_theirs()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        var v2 = await _w.OkAsync<CredentialType>(Admin2, "RegisterCredentialType", [World.Vct, World.Json(["age_over_18"]), World.Json(["age_over_18"])]);
        Assert.Equal(2, v2.Version);
        Assert.Equal(1, reserved.TypeVersion);

        // The reservation was made under version 1, whose claims the credential still follows.
        var outcome = await _w.RecordIssuanceAsync(reserved.Id, _w.Sign(reserved).SdJwt);
        Assert.True(outcome.IsSuccess, outcome.Message);
        Assert.Equal(2, (await _w.QueryAsync<CredentialType>("GetCredentialType", World.Vct)).Version);
    }

    [Fact]
    public async Task Organisations_change_by_majority_and_open_proposals_lapse()
    {
        await _w.OkAsync<ChangeProposal>(Admin1, "ProposeChange", ["p-stale", "RemoveIssuer", "{\"issuerId\":\"" + World.IssuerId + "\"}", _w.In(TimeSpan.FromDays(1))]);
        await _w.OkAsync<ChangeProposal>(Admin1, "ProposeChange", ["p-org4", "SetOrganisations", "{\"organisations\":[\"Org1MSP\",\"Org2MSP\",\"Org3MSP\",\"Org4MSP\"]}", _w.In(TimeSpan.FromDays(1))]);
        var applied = await _w.OkAsync<ChangeProposal>(Admin3, "ApproveChange", ["p-org4"]);
        Assert.Equal(ProposalState.Applied, applied.State);
        var config = await _w.QueryAsync<RegistryConfig>("GetRegistry");
        Assert.Equal((4, 2, 3), (config.Organisations.Count, config.Version, config.Majority));

        var lapsed = await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Admin2, "ApproveChange", ["p-stale"]));
        Assert.Contains("version", lapsed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removed_issuer_can_still_revoke_but_not_suspend_and_verifications_say_so()
    {
        var (record, credential) = await _w.IssueAsync();
        await _w.ConsentAsync(record.Id, "consent-r");
        await _w.OkAsync<ChangeProposal>(Admin1, "ProposeChange", ["p-remove", "RemoveIssuer", "{\"issuerId\":\"" + World.IssuerId + "\"}", _w.In(TimeSpan.FromDays(1))]);
        await _w.OkAsync<ChangeProposal>(Admin3, "ApproveChange", ["p-remove"]);
        Assert.Equal(VerificationResults.IssuerRemoved, (await _w.RecordVerificationAsync(record.Id, "consent-r", _w.Present(credential, "r1"), "r1")).As<VerificationRecord>().Result);
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RunAsync(Issuer1, "Suspend", [record.Id, StatusReasonCodes.UnderInvestigation]));
        var revoked = await _w.OkAsync<CredentialRecord>(Issuer1, "Revoke", [record.Id, StatusReasonCodes.Superseded]);
        Assert.Equal(CredentialStatus.Revoked, revoked.Status);
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Issuer1, "ReserveStatus", [_w.NewId(), World.Vct]));
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 CaOf(Party party)
    {
        // The per-MSP test CA is the issuer of the party's certificate; rebuild the anchor from the chain the party's certificate names.
        using var leaf = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(party.CertificateDer);
        return Party.AuthorityOf(party.MspId);
    }
}
