namespace FabricEvidence.Identity.Tests;

public sealed class ConsentTokenTests : IDisposable
{
    private readonly HolderKey _holder = HolderKey.Generate();
    private readonly DateTimeOffset _now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    public void Dispose() => _holder.Dispose();

    private ConsentRequest Request(Action<ConsentRequestChanges>? change = null)
    {
        var c = new ConsentRequestChanges();
        change?.Invoke(c);
        return new ConsentRequest
        {
            ConsentId = c.Id,
            CredentialId = "cred-0001",
            Verifier = "Org2MSP",
            Purpose = "age-check",
            Claims = c.Claims,
            Expires = c.Expires ?? _now.AddDays(30),
            IssuedAt = _now,
        };
    }

    [Fact]
    public void Default_consent_ids_are_ones_the_contract_accepts()
    {
        // The contract takes ids of ASCII letters, digits, '.', '_' and '-' starting with a letter or digit; a
        // base64url default started with '_' or '-' one time in 32 and was refused.
        var ids = Enumerable.Range(0, 200).Select(_ => ConsentToken.Verify(ConsentToken.Sign(_holder, Request()), _holder.PublicKey).ConsentId).ToList();

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Consent_is_signed_and_verified_with_the_holder_key()
    {
        var token = ConsentToken.Sign(_holder, Request());
        Assert.Equal(ConsentToken.TokenType, (string?)Forge.Header(token)["typ"]);
        var consent = ConsentToken.Verify(token, _holder.PublicKey);
        Assert.Equal("cred-0001", consent.CredentialId);
        Assert.Equal("Org2MSP", consent.Verifier);
        Assert.Equal("age-check", consent.Purpose);
        Assert.Equal(["address/locality", "age_over_18"], consent.Claims);
        Assert.Equal(_now, consent.IssuedAt);
        Assert.Equal(_now.AddDays(30), consent.Expires);
        Assert.Equal(_holder.Thumbprint, consent.HolderKeyThumbprint);
        Assert.Equal(Forge.Digest(token), consent.TokenHash);
        Assert.Equal(32, consent.ConsentId.Length);
    }

    [Fact]
    public void Verification_is_deterministic()
    {
        var token = ConsentToken.Sign(_holder, Request(c => c.Id = "consent-1"));
        var a = ConsentToken.Verify(token, _holder.PublicKey);
        var b = ConsentToken.Verify(token, HolderPublicKey.FromJwkJson(_holder.PublicKey.ToJwkJson()));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(a), System.Text.Json.JsonSerializer.Serialize(b));
    }

    [Fact]
    public void Consent_by_another_key_is_an_invalid_signature()
    {
        using var other = HolderKey.Generate();
        var token = ConsentToken.Sign(other, Request());
        VerificationRefusalTests.Refused(SdJwtErrorCode.InvalidSignature, () => ConsentToken.Verify(token, _holder.PublicKey));
    }

    [Fact]
    public void Altered_consent_is_an_invalid_signature()
    {
        var token = ConsentToken.Sign(_holder, Request());
        var payload = Forge.Payload(token);
        payload["aud"] = "Org3MSP";
        var parts = token.Split('.');
        VerificationRefusalTests.Refused(SdJwtErrorCode.InvalidSignature, () => ConsentToken.Verify(parts[0] + "." + Forge.B64(payload.ToJsonString()) + "." + parts[2], _holder.PublicKey));
    }

    [Fact]
    public void Other_token_kinds_are_refused()
    {
        using var key = Forge.Private(_holder);
        var payload = Forge.Payload(ConsentToken.Sign(_holder, Request()));
        VerificationRefusalTests.Refused(SdJwtErrorCode.UnsupportedType,
            () => ConsentToken.Verify(Forge.Sign(key, new() { ["alg"] = "ES256", ["typ"] = "kb+jwt" }, payload), _holder.PublicKey));
        VerificationRefusalTests.Refused(SdJwtErrorCode.UnsupportedAlgorithm,
            () => ConsentToken.Verify(Forge.Sign(key, new() { ["alg"] = "none", ["typ"] = ConsentToken.TokenType }, payload), _holder.PublicKey));
        VerificationRefusalTests.Refused(SdJwtErrorCode.Malformed, () => ConsentToken.Verify("a.b", _holder.PublicKey));
        VerificationRefusalTests.Refused(SdJwtErrorCode.TooLarge, () => ConsentToken.Verify(new string('a', ConsentToken.MaxLength + 1), _holder.PublicKey));
    }

    [Theory]
    [InlineData("jti")]
    [InlineData("credential_id")]
    [InlineData("aud")]
    [InlineData("purpose")]
    [InlineData("claims")]
    [InlineData("iat")]
    [InlineData("exp")]
    public void Consent_missing_a_field_is_refused(string field)
    {
        using var key = Forge.Private(_holder);
        var token = ConsentToken.Sign(_holder, Request());
        var payload = Forge.Payload(token);
        payload.Remove(field);
        VerificationRefusalTests.Refused(SdJwtErrorCode.MissingClaim, () => ConsentToken.Verify(Forge.Sign(key, Forge.Header(token), payload), _holder.PublicKey));
    }

    [Fact]
    public void Bad_requests_are_refused_when_signing()
    {
        Assert.Throws<ArgumentException>("request.Claims", () => ConsentToken.Sign(_holder, Request(c => c.Claims = [])));
        Assert.Throws<ArgumentException>("request.Expires", () => ConsentToken.Sign(_holder, Request(c => c.Expires = _now.AddSeconds(-1))));
        Assert.Throws<ArgumentException>("request.Claims", () => ConsentToken.Sign(_holder, Request(c => c.Claims = Enumerable.Range(0, 65).Select(i => "c" + i).ToArray())));
    }

    private sealed class ConsentRequestChanges
    {
        public string? Id { get; set; }
        public string[] Claims { get; set; } = ["age_over_18", "address/locality", "age_over_18"];
        public DateTimeOffset? Expires { get; set; }
    }
}
