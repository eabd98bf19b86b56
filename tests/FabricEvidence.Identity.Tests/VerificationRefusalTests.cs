using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Tests;

/// <summary>Every way a credential or presentation is refused, each with its stable code.</summary>
public sealed class VerificationRefusalTests : IClassFixture<TestPki>, IDisposable
{
    private const string Nonce = "n-0S6_WzA2Mj";
    private readonly Scenario _s;
    private readonly TestPki _pki;

    public VerificationRefusalTests(TestPki pki)
    {
        _pki = pki;
        _s = new Scenario(pki);
    }

    public void Dispose() => _s.Dispose();

    internal static SdJwtVerificationException Refused(SdJwtErrorCode code, Action act)
    {
        var ex = Assert.Throws<SdJwtVerificationException>(act);
        Assert.True(code == ex.Code, $"Expected {code}, got {ex.Code}: {ex.Message}");
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }

    private void RefusedPresentation(SdJwtErrorCode code, string presentation, string nonce = Nonce, string audience = Scenario.Audience) =>
        Refused(code, () => _s.Verify(presentation, nonce, audience));

    private string Presentation(params string[] claims) => _s.Present(_s.Issue().SdJwt, Nonce, claims).Compact;

    /// <summary>A presentation of a hand-made issuer-signed payload, with a valid key binding by the scenario's holder.</summary>
    private string ForgedPresentation(JsonObject payload, params string[] disclosures)
    {
        var sdJwt = Forge.IssuerSigned(_pki, payload, disclosures);
        using var holder = Forge.Private(_s.Holder);
        return sdJwt + Forge.KeyBinding(holder, sdJwt, iat: _s.Clock.Now.ToUnixTimeSeconds());
    }

    // ---- structure ----

    [Fact]
    public void Text_without_a_tilde_is_malformed() =>
        RefusedPresentation(SdJwtErrorCode.Malformed, _s.Issue().IssuerSignedJwt);

    [Fact]
    public void Empty_disclosure_is_malformed()
    {
        var p = Presentation();
        RefusedPresentation(SdJwtErrorCode.Malformed, p.Insert(p.IndexOf('~'), "~"));
    }

    [Fact]
    public void Issuer_jwt_with_two_parts_is_malformed()
    {
        var p = Presentation();
        var jwt = p[..p.IndexOf('~')];
        RefusedPresentation(SdJwtErrorCode.Malformed, jwt[..jwt.LastIndexOf('.')] + p[p.IndexOf('~')..]);
    }

    [Fact]
    public void Header_that_is_not_json_is_malformed()
    {
        var p = Presentation();
        RefusedPresentation(SdJwtErrorCode.Malformed, Forge.B64("not json") + p[p.IndexOf('.')..]);
    }

    [Fact]
    public void Payload_with_a_duplicate_member_is_malformed()
    {
        using var key = Forge.Key(_pki.IssuerKeyPem);
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now).ToJsonString();
        payload = payload.Insert(1, "\"vct\":\"urn:other\",");
        var sdJwt = Forge.SignText(key, Forge.IssuerHeader(_pki).ToJsonString(), payload) + "~";
        Refused(SdJwtErrorCode.Malformed, () => _s.Verifier.VerifyCredential(sdJwt));
    }

    [Fact]
    public void Non_canonical_base64url_is_malformed()
    {
        var issued = _s.Issue();
        var d = issued.Disclosures[0].Encoded + "=";
        Refused(SdJwtErrorCode.Malformed, () => _s.Verifier.VerifyCredential(issued.IssuerSignedJwt + "~" + d + "~"));
    }

    [Fact]
    public void Disclosure_with_four_elements_is_malformed()
    {
        var d = Forge.B64("[\"salt\",\"a\",\"b\",\"c\"]");
        Refused(SdJwtErrorCode.Malformed, () => _s.Verifier.VerifyCredential(_s.Issue().IssuerSignedJwt + "~" + d + "~"));
    }

    [Fact]
    public void Disclosure_without_a_salt_string_is_malformed()
    {
        var d = Forge.B64("[42,\"a\",\"b\"]");
        Refused(SdJwtErrorCode.Malformed, () => _s.Verifier.VerifyCredential(_s.Issue().IssuerSignedJwt + "~" + d + "~"));
    }

    [Fact]
    public void Credential_check_refuses_an_attached_key_binding() =>
        Refused(SdJwtErrorCode.Malformed, () => _s.Verifier.VerifyCredential(Presentation()));

    [Fact]
    public void Sd_that_is_not_an_array_is_malformed()
    {
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["_sd"] = "abc";
        RefusedPresentation(SdJwtErrorCode.Malformed, ForgedPresentation(payload));
    }

    [Fact]
    public void Status_without_an_index_is_malformed()
    {
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["status"] = new JsonObject { ["status_list"] = new JsonObject { ["uri"] = Scenario.StatusUri } };
        RefusedPresentation(SdJwtErrorCode.Malformed, ForgedPresentation(payload));
    }

    [Fact]
    public void Cnf_key_off_the_curve_is_malformed()
    {
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["cnf"]!["jwk"]!["y"] = payload["cnf"]!["jwk"]!["x"]!.DeepClone();
        RefusedPresentation(SdJwtErrorCode.Malformed, ForgedPresentation(payload));
    }

    // ---- limits ----

    [Fact]
    public void Oversized_presentation_is_too_large()
    {
        _s.VerifierOptions.MaxLength = 1000;
        RefusedPresentation(SdJwtErrorCode.TooLarge, Presentation());
    }

    [Fact]
    public void Too_many_disclosures_are_too_large()
    {
        _s.VerifierOptions.MaxDisclosures = 2;
        RefusedPresentation(SdJwtErrorCode.TooLarge, Presentation("address"));
    }

    [Fact]
    public void Too_many_certificates_are_too_large()
    {
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        var header = Forge.IssuerHeader(_pki);
        var x5c = header["x5c"]!.AsArray();
        for (var i = 0; i < 6; i++)
        {
            x5c.Add(x5c[0]!.DeepClone());
        }

        using var key = Forge.Key(_pki.IssuerKeyPem);
        Refused(SdJwtErrorCode.TooLarge, () => _s.Verifier.VerifyCredential(Forge.Sign(key, header, payload) + "~"));
    }

    // ---- algorithms and types ----

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES384")]
    [InlineData("RS256")]
    public void Algorithms_other_than_es256_are_refused(string alg)
    {
        var header = Forge.IssuerHeader(_pki);
        header["alg"] = alg;
        using var key = Forge.Key(_pki.IssuerKeyPem);
        var jwt = Forge.Sign(key, header, Forge.MinimalPayload(_s.Holder, _s.Clock.Now));
        if (alg == "none")
        {
            jwt = jwt[..(jwt.LastIndexOf('.') + 1)] + "AA";
        }

        Refused(SdJwtErrorCode.UnsupportedAlgorithm, () => _s.Verifier.VerifyCredential(jwt + "~"));
    }

    [Fact]
    public void Sd_alg_other_than_sha256_is_refused()
    {
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["_sd_alg"] = "sha-512";
        RefusedPresentation(SdJwtErrorCode.UnsupportedAlgorithm, ForgedPresentation(payload));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("statuslist+jwt")]
    [InlineData(null)]
    public void Unknown_credential_typ_is_refused(string? typ)
    {
        var header = Forge.IssuerHeader(_pki);
        header["typ"] = typ;
        using var key = Forge.Key(_pki.IssuerKeyPem);
        Refused(SdJwtErrorCode.UnsupportedType, () => _s.Verifier.VerifyCredential(Forge.Sign(key, header, Forge.MinimalPayload(_s.Holder, _s.Clock.Now)) + "~"));
    }

    // ---- signatures and trust ----

    [Fact]
    public void Altered_payload_breaks_the_signature()
    {
        var p = Presentation();
        var jwt = p[..p.IndexOf('~')];
        var parts = jwt.Split('.');
        var payload = Forge.Payload(jwt);
        payload["vct"] = "urn:fabric-evidence:passport:1";
        var altered = parts[0] + "." + Forge.B64(payload.ToJsonString()) + "." + parts[2];
        RefusedPresentation(SdJwtErrorCode.InvalidSignature, altered + p[p.IndexOf('~')..]);
    }

    [Fact]
    public void Signature_by_another_key_under_the_trusted_certificate_is_invalid()
    {
        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var jwt = Forge.Sign(stranger, Forge.IssuerHeader(_pki), Forge.MinimalPayload(_s.Holder, _s.Clock.Now));
        Refused(SdJwtErrorCode.InvalidSignature, () => _s.Verifier.VerifyCredential(jwt + "~"));
    }

    [Fact]
    public void Der_encoded_signature_is_invalid()
    {
        using var key = Forge.Key(_pki.IssuerKeyPem);
        var header = Forge.B64(Forge.IssuerHeader(_pki).ToJsonString());
        var payload = Forge.B64(Forge.MinimalPayload(_s.Holder, _s.Clock.Now).ToJsonString());
        var der = key.SignData(System.Text.Encoding.ASCII.GetBytes(header + "." + payload), System.Security.Cryptography.HashAlgorithmName.SHA256,
            System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
        Refused(SdJwtErrorCode.InvalidSignature, () => _s.Verifier.VerifyCredential(header + "." + payload + "." + Forge.B64(der) + "~"));
    }

    [Fact]
    public void Signature_by_an_unregistered_organisation_is_untrusted()
    {
        using var rogueKey = IssuerKey.FromPem(_pki.RogueCertificatePem, _pki.RogueKeyPem);
        var rogue = new SdJwtIssuer(rogueKey, new SdJwtIssuerOptions { TimeProvider = _s.Clock });
        var p = _s.Present(_s.Issue(issuer: rogue).SdJwt, Nonce);
        RefusedPresentation(SdJwtErrorCode.UntrustedIssuer, p.Compact);
    }

    [Fact]
    public void Missing_x5c_is_untrusted()
    {
        var header = Forge.IssuerHeader(_pki);
        header.Remove("x5c");
        using var key = Forge.Key(_pki.IssuerKeyPem);
        Refused(SdJwtErrorCode.UntrustedIssuer, () => _s.Verifier.VerifyCredential(Forge.Sign(key, header, Forge.MinimalPayload(_s.Holder, _s.Clock.Now)) + "~"));
    }

    [Fact]
    public void Expired_enrollment_certificate_is_untrusted()
    {
        using var oldKey = IssuerKey.FromPem(_pki.ExpiredCertificatePem, _pki.ExpiredKeyPem);
        var issuer = new SdJwtIssuer(oldKey, new SdJwtIssuerOptions { TimeProvider = _s.Clock });
        Refused(SdJwtErrorCode.UntrustedIssuer, () => _s.Verifier.VerifyCredential(_s.Issue(issuer: issuer).SdJwt));
    }

    [Fact]
    public void Ca_certificate_as_signer_is_untrusted()
    {
        using var caKey = IssuerKey.FromPem(_pki.CaSignerCertificatePem, _pki.CaSignerKeyPem);
        var issuer = new SdJwtIssuer(caKey, new SdJwtIssuerOptions { TimeProvider = _s.Clock });
        Refused(SdJwtErrorCode.UntrustedIssuer, () => _s.Verifier.VerifyCredential(_s.Issue(issuer: issuer).SdJwt));
    }

    [Fact]
    public void Credential_from_a_trusted_issuer_is_untrusted_by_a_verifier_trusting_only_another_ca()
    {
        _s.VerifierOptions.TrustAnchors = [_pki.OtherRoot];
        RefusedPresentation(SdJwtErrorCode.UntrustedIssuer, Presentation());
    }

    [Fact]
    public void Intermediate_without_its_root_is_untrusted()
    {
        _s.VerifierOptions.TrustAnchors = [_pki.Intermediate];
        using var key = IssuerKey.FromPem(_pki.IntermediateIssuerPem, _pki.IntermediateIssuerKeyPem);
        var issuer = new SdJwtIssuer(key, new SdJwtIssuerOptions { TimeProvider = _s.Clock });
        Refused(SdJwtErrorCode.UntrustedIssuer, () => _s.Verifier.VerifyCredential(_s.Issue(issuer: issuer).SdJwt));
    }

    // ---- disclosures ----

    [Fact]
    public void Altered_disclosure_value_does_not_match()
    {
        var issued = _s.Issue();
        var original = issued.Disclosures.Single(d => d.ClaimName == "age_over_18");
        var altered = Forge.Disclosure(original.Salt, "age_over_18", JsonValue.Create(false));
        var sdJwt = issued.IssuerSignedJwt + "~" + altered + "~";
        using var holder = Forge.Private(_s.Holder);
        RefusedPresentation(SdJwtErrorCode.DisclosureMismatch, sdJwt + Forge.KeyBinding(holder, sdJwt, iat: _s.Clock.Now.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Disclosure_from_another_credential_does_not_match()
    {
        var mine = _s.Issue();
        var other = _s.Issue();
        var foreign = other.Disclosures.Single(d => d.ClaimName == "age_over_18").Encoded;
        var sdJwt = mine.IssuerSignedJwt + "~" + foreign + "~";
        using var holder = Forge.Private(_s.Holder);
        RefusedPresentation(SdJwtErrorCode.DisclosureMismatch, sdJwt + Forge.KeyBinding(holder, sdJwt, iat: _s.Clock.Now.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Re_encoded_disclosure_with_the_same_content_does_not_match()
    {
        var issued = _s.Issue();
        var original = issued.Disclosures.Single(d => d.ClaimName == "age_over_18");
        var json = System.Text.Encoding.UTF8.GetString(Forge.Unb64(original.Encoded)).Replace(",", ", ", StringComparison.Ordinal);
        Refused(SdJwtErrorCode.DisclosureMismatch, () => _s.Verifier.VerifyCredential(issued.IssuerSignedJwt + "~" + Forge.B64(json) + "~"));
    }

    [Fact]
    public void Property_disclosure_referenced_as_an_array_element_does_not_match()
    {
        var d = Forge.Disclosure("c2FsdA", "x", "y");
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["list"] = new JsonArray(new JsonObject { ["..."] = Forge.Digest(d) });
        RefusedPresentation(SdJwtErrorCode.DisclosureMismatch, ForgedPresentation(payload, d));
    }

    [Fact]
    public void Element_disclosure_referenced_from_an_object_does_not_match()
    {
        var d = Forge.ElementDisclosure("c2FsdA", "y");
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["_sd"] = new JsonArray(Forge.Digest(d));
        RefusedPresentation(SdJwtErrorCode.DisclosureMismatch, ForgedPresentation(payload, d));
    }

    [Fact]
    public void Same_disclosure_twice_is_a_duplicate()
    {
        var issued = _s.Issue();
        var d = issued.Disclosures[0].Encoded;
        Refused(SdJwtErrorCode.DuplicateDigest, () => _s.Verifier.VerifyCredential(issued.IssuerSignedJwt + "~" + d + "~" + d + "~"));
    }

    [Fact]
    public void Same_digest_twice_in_the_payload_is_a_duplicate()
    {
        var d = Forge.Disclosure("c2FsdA", "city", "Köln");
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["_sd"] = new JsonArray(Forge.Digest(d), Forge.Digest(d));
        RefusedPresentation(SdJwtErrorCode.DuplicateDigest, ForgedPresentation(payload, d));
    }

    [Fact]
    public void Same_digest_at_two_levels_is_a_duplicate()
    {
        var d = Forge.Disclosure("c2FsdA", "city", "Köln");
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["_sd"] = new JsonArray(Forge.Digest(d));
        payload["address"] = new JsonObject { ["_sd"] = new JsonArray(Forge.Digest(d)) };
        RefusedPresentation(SdJwtErrorCode.DuplicateDigest, ForgedPresentation(payload, d));
    }

    [Fact]
    public void Disclosed_name_that_exists_in_the_clear_is_a_duplicate_claim()
    {
        var d = Forge.Disclosure("c2FsdA", "vct", "urn:fabric-evidence:passport:1");
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["_sd"] = new JsonArray(Forge.Digest(d));
        RefusedPresentation(SdJwtErrorCode.DuplicateClaim, ForgedPresentation(payload, d));
    }

    [Fact]
    public void Disclosure_named_sd_is_refused()
    {
        var d = Forge.Disclosure("c2FsdA", "_sd", new JsonArray());
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["_sd"] = new JsonArray(Forge.Digest(d));
        RefusedPresentation(SdJwtErrorCode.DuplicateClaim, ForgedPresentation(payload, d));
    }

    // ---- required claims and validity ----

    [Fact]
    public void Missing_vct_is_a_missing_claim()
    {
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload.Remove("vct");
        RefusedPresentation(SdJwtErrorCode.MissingClaim, ForgedPresentation(payload));
    }

    [Fact]
    public void Presentation_of_a_credential_without_cnf_is_a_missing_claim()
    {
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload.Remove("cnf");
        RefusedPresentation(SdJwtErrorCode.MissingClaim, ForgedPresentation(payload));
    }

    [Fact]
    public void Expired_credential_is_refused()
    {
        var issued = _s.Issue(b => b.Expires = _s.Clock.Now.AddHours(1));
        _s.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(61));
        RefusedPresentation(SdJwtErrorCode.Expired, _s.Present(issued.SdJwt).Compact);
    }

    [Fact]
    public void Expiry_within_the_clock_skew_is_tolerated()
    {
        var issued = _s.Issue(b => b.Expires = _s.Clock.Now.AddHours(1));
        _s.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(30));
        Assert.Equal(Scenario.Vct, _s.Verify(_s.Present(issued.SdJwt).Compact).Vct);
    }

    [Fact]
    public void Credential_before_nbf_is_not_yet_valid()
    {
        var issued = _s.Issue(b => b.NotBefore = _s.Clock.Now.AddDays(1));
        RefusedPresentation(SdJwtErrorCode.NotYetValid, _s.Present(issued.SdJwt).Compact);
    }

    [Fact]
    public void Credential_issued_in_the_future_is_not_yet_valid()
    {
        var issued = _s.Issue(b => b.IssuedAt = _s.Clock.Now.AddMinutes(10));
        RefusedPresentation(SdJwtErrorCode.NotYetValid, _s.Present(issued.SdJwt).Compact);
    }

    [Fact]
    public void Exp_that_is_not_a_number_is_malformed()
    {
        var payload = Forge.MinimalPayload(_s.Holder, _s.Clock.Now);
        payload["exp"] = "tomorrow";
        RefusedPresentation(SdJwtErrorCode.Malformed, ForgedPresentation(payload));
    }

    // ---- key binding ----

    [Fact]
    public void Presentation_without_key_binding_is_refused()
    {
        var p = Presentation();
        RefusedPresentation(SdJwtErrorCode.KeyBindingMissing, p[..(p.LastIndexOf('~') + 1)]);
    }

    [Fact]
    public void Key_binding_by_another_key_is_invalid()
    {
        var issued = _s.Issue();
        using var thief = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        RefusedPresentation(SdJwtErrorCode.KeyBindingInvalid, issued.SdJwt + Forge.KeyBinding(thief, issued.SdJwt, iat: _s.Clock.Now.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Key_binding_with_the_wrong_typ_is_invalid()
    {
        var issued = _s.Issue();
        using var holder = Forge.Private(_s.Holder);
        RefusedPresentation(SdJwtErrorCode.KeyBindingInvalid,
            issued.SdJwt + Forge.KeyBinding(holder, issued.SdJwt, (h, _) => h["typ"] = "JWT", _s.Clock.Now.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Key_binding_that_is_not_a_jws_is_invalid()
    {
        var issued = _s.Issue();
        RefusedPresentation(SdJwtErrorCode.KeyBindingInvalid, issued.SdJwt + "abc.def");
    }

    [Fact]
    public void Disclosure_added_after_signing_breaks_sd_hash()
    {
        var issued = _s.Issue();
        var p = _s.Present(issued.SdJwt, Nonce, "age_over_18");
        var extra = issued.Disclosures.Single(d => d.ClaimName == "birthdate").Encoded;
        var i = p.Compact.LastIndexOf('~');
        RefusedPresentation(SdJwtErrorCode.KeyBindingInvalid, p.Compact[..(i + 1)] + extra + "~" + p.Compact[(i + 1)..]);
    }

    [Fact]
    public void Disclosure_removed_after_signing_breaks_sd_hash()
    {
        var issued = _s.Issue();
        var p = _s.Present(issued.SdJwt, Nonce, "age_over_18", "birthdate");
        var birthdate = issued.Disclosures.Single(d => d.ClaimName == "birthdate").Encoded;
        RefusedPresentation(SdJwtErrorCode.KeyBindingInvalid, p.Compact.Replace(birthdate + "~", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Key_binding_without_sd_hash_is_invalid()
    {
        var issued = _s.Issue();
        using var holder = Forge.Private(_s.Holder);
        RefusedPresentation(SdJwtErrorCode.KeyBindingInvalid,
            issued.SdJwt + Forge.KeyBinding(holder, issued.SdJwt, (_, p) => p.Remove("sd_hash"), _s.Clock.Now.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Key_binding_without_iat_is_invalid()
    {
        var issued = _s.Issue();
        using var holder = Forge.Private(_s.Holder);
        RefusedPresentation(SdJwtErrorCode.KeyBindingInvalid,
            issued.SdJwt + Forge.KeyBinding(holder, issued.SdJwt, (_, p) => p.Remove("iat"), _s.Clock.Now.ToUnixTimeSeconds()));
    }

    [Fact]
    public void Wrong_nonce_is_refused() =>
        RefusedPresentation(SdJwtErrorCode.NonceMismatch, Presentation(), nonce: "another-nonce");

    [Fact]
    public void Wrong_audience_is_refused() =>
        RefusedPresentation(SdJwtErrorCode.AudienceMismatch, Presentation(), audience: "Org3MSP");

    [Fact]
    public void Stale_key_binding_is_not_fresh()
    {
        var p = Presentation();
        _s.Clock.Advance(TimeSpan.FromMinutes(7));
        RefusedPresentation(SdJwtErrorCode.KeyBindingNotFresh, p);
    }

    [Fact]
    public void Key_binding_from_the_future_is_not_fresh()
    {
        var issued = _s.Issue();
        using var holder = Forge.Private(_s.Holder);
        RefusedPresentation(SdJwtErrorCode.KeyBindingNotFresh,
            issued.SdJwt + Forge.KeyBinding(holder, issued.SdJwt, iat: _s.Clock.Now.AddMinutes(5).ToUnixTimeSeconds()));
    }

    // ---- verifier options ----

    [Fact]
    public void Verifier_without_trust_anchors_is_refused_at_construction() =>
        Assert.Throws<ArgumentException>("options.TrustAnchors", () => new SdJwtVerifier(new SdJwtVerifierOptions()));

    [Fact]
    public void Verifier_with_an_empty_expectation_is_refused()
    {
        Assert.Throws<ArgumentException>("expected.Nonce", () => _s.Verifier.VerifyPresentation(Presentation(), new KeyBindingExpectation("a", "")));
        Assert.Throws<ArgumentException>("expected.Audience", () => _s.Verifier.VerifyPresentation(Presentation(), new KeyBindingExpectation("", "n")));
    }
}
