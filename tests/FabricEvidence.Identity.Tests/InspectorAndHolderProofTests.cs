namespace FabricEvidence.Identity.Tests;

/// <summary>The clock-free, anchor-free checks a chaincode uses, and holder proofs.</summary>
public sealed class InspectorAndHolderProofTests : IClassFixture<TestPki>, IDisposable
{
    private readonly Scenario _s;
    private readonly TestPki _pki;

    public InspectorAndHolderProofTests(TestPki pki)
    {
        _pki = pki;
        _s = new Scenario(pki);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void Inspector_reports_the_signer_certificate_and_commitments_without_trust_anchors()
    {
        var issued = _s.Issue();
        var inspected = SdJwtInspector.InspectCredential(issued.SdJwt);
        Assert.Equal(_s.IssuerKey.Certificate.RawData, inspected.IssuerCertificate.RawData);
        Assert.Null(inspected.TrustAnchor);
        Assert.Equal(issued.Commitment.IssuerSignedJwtHash, inspected.IssuerSignedJwtHash);
        Assert.Equal(issued.Commitment.DisclosureDigests, inspected.DisclosureDigests.Order(StringComparer.Ordinal));
        Assert.Equal(_s.Holder.Thumbprint, inspected.HolderKey!.Thumbprint);
    }

    [Fact]
    public void Inspector_reads_no_clock_and_accepts_an_expired_credential_and_an_old_key_binding()
    {
        var issued = _s.Issue(b => b.Expires = _s.Clock.Now.AddSeconds(10));
        var presentation = _s.Present(issued.SdJwt, "n1");
        var inspected = SdJwtInspector.InspectPresentation(presentation.Compact, new KeyBindingExpectation(Scenario.Audience, "n1"));
        Assert.Equal(_s.Clock.Now, inspected.KeyBinding!.IssuedAt);
        Assert.Equal(_s.Clock.Now.AddSeconds(10), inspected.Expires);
    }

    [Fact]
    public void Inspector_accepts_an_untrusted_signer_but_names_it()
    {
        using var rogueKey = IssuerKey.FromPem(_pki.RogueCertificatePem, _pki.RogueKeyPem);
        var rogue = new SdJwtIssuer(rogueKey, new SdJwtIssuerOptions { TimeProvider = _s.Clock });
        var inspected = SdJwtInspector.InspectCredential(_s.Issue(issuer: rogue).SdJwt);
        Assert.Equal(rogueKey.Certificate.RawData, inspected.IssuerCertificate.RawData);
        Assert.NotEqual(_s.IssuerKey.Certificate.RawData, inspected.IssuerCertificate.RawData);
    }

    [Fact]
    public void Inspector_refuses_forgeries()
    {
        var issued = _s.Issue();
        var p = _s.Present(issued.SdJwt, "n1");
        VerificationRefusalTests.Refused(SdJwtErrorCode.NonceMismatch, () => SdJwtInspector.InspectPresentation(p.Compact, new KeyBindingExpectation(Scenario.Audience, "n2")));
        VerificationRefusalTests.Refused(SdJwtErrorCode.AudienceMismatch, () => SdJwtInspector.InspectPresentation(p.Compact, new KeyBindingExpectation("Org9MSP", "n1")));
        VerificationRefusalTests.Refused(SdJwtErrorCode.KeyBindingMissing, () => SdJwtInspector.InspectPresentation(issued.SdJwt, new KeyBindingExpectation(Scenario.Audience, "n1")));
        VerificationRefusalTests.Refused(SdJwtErrorCode.Malformed, () => SdJwtInspector.InspectCredential(p.Compact));
        using var stranger = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var forged = Forge.Sign(stranger, Forge.IssuerHeader(_pki), Forge.MinimalPayload(_s.Holder, _s.Clock.Now)) + "~";
        VerificationRefusalTests.Refused(SdJwtErrorCode.InvalidSignature, () => SdJwtInspector.InspectCredential(forged));
        var noX5c = Forge.IssuerHeader(_pki);
        noX5c.Remove("x5c");
        using var key = Forge.Key(_pki.IssuerKeyPem);
        VerificationRefusalTests.Refused(SdJwtErrorCode.UntrustedIssuer, () => SdJwtInspector.InspectCredential(Forge.Sign(key, noX5c, Forge.MinimalPayload(_s.Holder, _s.Clock.Now)) + "~"));
    }

    [Fact]
    public void Holder_proof_round_trips_and_binds_the_key()
    {
        var token = HolderProof.Sign(_s.Holder, new HolderProofRequest { CredentialId = "cred-1", Action = HolderProof.RevokeConsentAction, Target = "consent-9", IssuedAt = _s.Clock.Now });
        var proof = HolderProof.Verify(token, _s.Holder.PublicKey);
        Assert.Equal(new VerifiedHolderProof("cred-1", HolderProof.RevokeConsentAction, "consent-9", _s.Clock.Now, _s.Holder.Thumbprint), proof);

        using var other = HolderKey.Generate();
        VerificationRefusalTests.Refused(SdJwtErrorCode.InvalidSignature, () => HolderProof.Verify(token, other.PublicKey));
        var consent = ConsentToken.Sign(_s.Holder, new ConsentRequest { CredentialId = "c", Verifier = "v", Purpose = "p", Claims = ["a"], Expires = _s.Clock.Now.AddDays(1), IssuedAt = _s.Clock.Now });
        VerificationRefusalTests.Refused(SdJwtErrorCode.UnsupportedType, () => HolderProof.Verify(consent, _s.Holder.PublicKey));
        VerificationRefusalTests.Refused(SdJwtErrorCode.TooLarge, () => HolderProof.Verify(new string('a', 3000), _s.Holder.PublicKey));
        using var holder = Forge.Private(_s.Holder);
        var payload = Forge.Payload(token);
        payload.Remove("target");
        VerificationRefusalTests.Refused(SdJwtErrorCode.MissingClaim, () => HolderProof.Verify(Forge.Sign(holder, Forge.Header(token), payload), _s.Holder.PublicKey));
    }
}
