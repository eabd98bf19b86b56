using static FabricEvidence.Identity.Contract.Tests.Parties;

namespace FabricEvidence.Identity.Contract.Tests;

/// <summary>Refusals of consents, verifications and the holder's listing; each writes nothing.</summary>
public sealed class ConsentAndVerificationRefusalTests : IAsyncLifetime
{
    private World _w = null!;
    private CredentialRecord _record = null!;
    private IssuedCredential _credential = null!;

    public async Task InitializeAsync()
    {
        _w = await new World().SetUpAsync();
        (_record, _credential) = await _w.IssueAsync("cred-main");
        await _w.ConsentAsync(_record.Id, "consent-main");
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private Task<Outcome> Verify(string nonce, string? presentation = null, Party? verifier = null, string consentId = "consent-main", string purpose = World.Purpose, string? credentialId = null) =>
        _w.RecordVerificationAsync(credentialId ?? _record.Id, consentId, presentation ?? _w.Present(_credential, nonce), nonce, verifier, purpose);

    // ---- consents ----

    [Fact]
    public async Task Consent_by_another_key_is_refused()
    {
        using var stranger = HolderKey.Generate();
        var token = _w.ConsentToken(_record.Id, "consent-x", key: stranger);
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RecordConsentAsync(_record.Id, token, stranger.PublicKey.ToJwkJson()));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RecordConsentAsync(_record.Id, token));
    }

    [Fact]
    public async Task Consent_must_be_for_this_credential_a_member_verifier_and_the_types_claims()
    {
        var (other, _) = await _w.IssueAsync();
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(other.Id, "consent-x")));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(_record.Id, "consent-x", verifier: "Org9MSP")));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(_record.Id, "consent-x", claims: ["salary"])));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(_record.Id, "consent-x", purpose: "Any Purpose")));
    }

    [Fact]
    public async Task Consent_lifetime_is_bounded()
    {
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(_record.Id, "consent-x", lifetime: TimeSpan.FromDays(400))));
        var shortLived = _w.ConsentToken(_record.Id, "consent-y", lifetime: TimeSpan.FromSeconds(2));
        _w.Ledger.Clock = _w.Ledger.Clock.Add(TimeSpan.FromMinutes(1));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, shortLived));
    }

    [Fact]
    public async Task Consent_is_recorded_once_by_a_holder_with_well_formed_input()
    {
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(_record.Id, "consent-main")));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Verifier2, "RecordConsent", [_record.Id, _w.ConsentToken(_record.Id, "consent-x"), _w.Holder.PublicKey.ToJwkJson()]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, "not.a jws"));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, new string('a', 9000) + ".b.c"));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(_record.Id, "consent-x"), "{\"kty\":\"RSA\"}"));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(_record.Id, "consent-x"), new string(' ', 600)));
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => _w.RecordConsentAsync("cred-none", _w.ConsentToken("cred-none", "consent-x")));
    }

    [Fact]
    public async Task Consent_for_a_revoked_or_only_reserved_credential_is_refused()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RecordConsentAsync(reserved.Id, _w.ConsentToken(reserved.Id, "consent-x")));
        await _w.OkAsync<CredentialRecord>(Issuer1, "Revoke", [_record.Id, StatusReasonCodes.FactsChanged]);
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => _w.RecordConsentAsync(_record.Id, _w.ConsentToken(_record.Id, "consent-x")));
    }

    [Fact]
    public async Task Revoking_a_consent_needs_a_fresh_proof_for_it_by_the_holder_key()
    {
        var jwk = _w.Holder.PublicKey.ToJwkJson();
        using var stranger = HolderKey.Generate();
        var byStranger = _w.HolderProofToken(_record.Id, HolderProof.RevokeConsentAction, "consent-main", key: stranger);
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Wallet, "RevokeConsent", ["consent-main", byStranger, jwk]));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Wallet, "RevokeConsent", ["consent-main", byStranger, stranger.PublicKey.ToJwkJson()]));
        var stale = _w.HolderProofToken(_record.Id, HolderProof.RevokeConsentAction, "consent-main", _w.Now.AddMinutes(-10));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Wallet, "RevokeConsent", ["consent-main", stale, jwk]));
        var otherTarget = _w.HolderProofToken(_record.Id, HolderProof.RevokeConsentAction, "consent-other");
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Wallet, "RevokeConsent", ["consent-main", otherTarget, jwk]));
        var otherAction = _w.HolderProofToken(_record.Id, HolderProof.ListVerificationsAction, "consent-main");
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Wallet, "RevokeConsent", ["consent-main", otherAction, jwk]));
        var good = _w.HolderProofToken(_record.Id, HolderProof.RevokeConsentAction, "consent-main");
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Verifier2, "RevokeConsent", ["consent-main", good, jwk]));
        await _w.OkAsync<ConsentRecord>(Wallet, "RevokeConsent", ["consent-main", good, jwk]);
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => _w.RunAsync(Wallet, "RevokeConsent", ["consent-main", _w.HolderProofToken(_record.Id, HolderProof.RevokeConsentAction, "consent-main"), jwk]));
    }

    // ---- verifications ----

    [Fact]
    public async Task Verifier_without_a_consent_is_refused()
    {
        await _w.RefusedAsync(IdentityErrorCodes.NotFound, () => Verify("v1", consentId: "consent-none"));
        var p3 = _w.Present(_credential, "v2", "Org3MSP");
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => Verify("v2", p3, Verifier3));
    }

    [Fact]
    public async Task Claims_beyond_the_consent_are_refused()
    {
        var more = _w.Present(_credential, "v1", "Org2MSP", "age_over_18", "birthdate");
        var refused = await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => Verify("v1", more));
        Assert.Contains("birthdate", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1963", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purpose_must_be_the_consents() =>
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => Verify("v1", purpose: "marketing"));

    [Fact]
    public async Task Expired_consent_is_refused()
    {
        var (record, credential) = await _w.IssueAsync();
        var token = _w.ConsentToken(record.Id, "consent-short", lifetime: TimeSpan.FromMinutes(2));
        Assert.True((await _w.RecordConsentAsync(record.Id, token)).IsSuccess);
        _w.Ledger.Clock = _w.Ledger.Clock.Add(TimeSpan.FromMinutes(3));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RecordVerificationAsync(record.Id, "consent-short", _w.Present(credential, "v1"), "v1"));
    }

    [Fact]
    public async Task Consent_of_another_credential_is_refused()
    {
        var (other, otherCredential) = await _w.IssueAsync();
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RecordVerificationAsync(other.Id, "consent-main", _w.Present(otherCredential, "v1"), "v1"));
    }

    [Fact]
    public async Task Wrong_nonce_or_audience_in_the_key_binding_is_refused()
    {
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify("v1", _w.Present(_credential, "another-nonce")));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify("v2", _w.Present(_credential, "v2", "Org3MSP")));
    }

    [Fact]
    public async Task Replayed_presentation_is_refused()
    {
        var presentation = _w.Present(_credential, "v-once");
        Assert.True((await Verify("v-once", presentation)).IsSuccess);
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => Verify("v-once", presentation));
        await _w.RefusedAsync(IdentityErrorCodes.Conflict, () => Verify("v-once", _w.Present(_credential, "v-once")));
    }

    [Fact]
    public async Task Presentation_of_another_credential_is_refused()
    {
        var (_, otherCredential) = await _w.IssueAsync();
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify("v1", _w.Present(otherCredential, "v1")));
    }

    [Fact]
    public async Task Altered_or_unbound_presentation_is_refused()
    {
        var presentation = _w.Present(_credential, "v1");
        var disclosure = _credential.Disclosures.Single(d => d.ClaimName == "age_over_18");
        var altered = presentation.Replace(disclosure.Encoded, Disclosure.ForProperty("age_over_18", false, disclosure.Salt).Encoded, StringComparison.Ordinal);
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify("v1", altered));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify("v1", presentation[..(presentation.LastIndexOf('~') + 1)]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify("v1", "garbage"));
    }

    [Fact]
    public async Task Stale_key_binding_is_refused()
    {
        var presentation = _w.Present(_credential, "v1");
        _w.Ledger.Clock = _w.Ledger.Clock.Add(TimeSpan.FromMinutes(10));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify("v1", presentation));
    }

    [Fact]
    public async Task Only_registry_verifiers_record_verifications()
    {
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => Verify("v1", _w.Present(_credential, "v1", "Org9MSP"), OutsideVerifier));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => Verify("v1", verifier: Wallet));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => Verify("v1", verifier: Issuer1));
    }

    [Fact]
    public async Task Verification_input_is_checked()
    {
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Verifier2, "RecordVerification", [_record.Id, "consent-main", World.Purpose, "v1"]));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify("nonce with spaces"));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => Verify(new string('n', 300)));
        await _w.ReserveAsync("cred-reserved-only");
        await _w.RefusedAsync(IdentityErrorCodes.WrongState, () => Verify("v1", credentialId: "cred-reserved-only"));
    }

    [Fact]
    public async Task Expired_credential_is_recorded_as_expired()
    {
        var reserved = await _w.ReserveAsync(_w.NewId());
        var credential = _w.Sign(reserved, expires: _w.Now.AddMinutes(10));
        Assert.True((await _w.RecordIssuanceAsync(reserved.Id, credential.SdJwt)).IsSuccess);
        await _w.ConsentAsync(reserved.Id, "consent-exp");
        _w.Ledger.Clock = _w.Ledger.Clock.Add(TimeSpan.FromMinutes(20));
        var outcome = await _w.RecordVerificationAsync(reserved.Id, "consent-exp", _w.Present(credential, "v-exp"), "v-exp");
        Assert.Equal(VerificationResults.Expired, outcome.As<VerificationRecord>().Result);
    }

    // ---- listing ----

    [Fact]
    public async Task Listing_verifications_needs_the_holder_key()
    {
        var jwk = _w.Holder.PublicKey.ToJwkJson();
        using var stranger = HolderKey.Generate();
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Wallet, "ListVerifications", [_record.Id, _w.HolderProofToken(_record.Id, HolderProof.ListVerificationsAction, key: stranger), jwk, "10", ""], submit: false));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Wallet, "ListVerifications", [_record.Id, _w.HolderProofToken(_record.Id, HolderProof.RevokeConsentAction), jwk, "10", ""], submit: false));
        await _w.RefusedAsync(IdentityErrorCodes.Forbidden, () => _w.RunAsync(Verifier2, "ListVerifications", [_record.Id, _w.HolderProofToken(_record.Id, HolderProof.ListVerificationsAction), jwk, "10", ""], submit: false));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Wallet, "ListVerifications", [_record.Id, _w.HolderProofToken(_record.Id, HolderProof.ListVerificationsAction), jwk, "0", ""], submit: false));
        await _w.RefusedAsync(IdentityErrorCodes.InvalidArgument, () => _w.RunAsync(Wallet, "ListVerifications", [_record.Id, _w.HolderProofToken(_record.Id, HolderProof.ListVerificationsAction), jwk, "10", "AGNvbnNlbnQA"], submit: false));
    }
}
