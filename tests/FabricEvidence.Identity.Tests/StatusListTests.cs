using System.IO.Compression;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Tests;

public sealed class StatusListTests : IClassFixture<TestPki>, IDisposable
{
    private readonly Scenario _s;
    private readonly TestPki _pki;

    public StatusListTests(TestPki pki)
    {
        _pki = pki;
        _s = new Scenario(pki);
    }

    public void Dispose() => _s.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Entries_round_trip_through_lst_at_every_width(int bits)
    {
        var list = new StatusList(bits, StatusList.MinimumPrivacyCapacity);
        var max = (1 << bits) - 1;
        var written = new Dictionary<int, TokenStatus>();
        for (var i = 0; i < 2000; i++)
        {
            var index = (i * 7919) % list.Capacity;
            var value = (TokenStatus)(i % (max + 1));
            list.Set(index, value);
            written[index] = value;
        }

        var decoded = StatusList.Decode(bits, list.Encode());
        Assert.Equal(list.Capacity, decoded.Capacity);
        foreach (var (index, value) in written)
        {
            Assert.Equal(value, decoded.Get(index));
        }

        Assert.Equal(list.ToBytes(), decoded.ToBytes());
    }

    [Fact]
    public void Bit_layout_matches_the_draft_example()
    {
        // draft-ietf-oauth-status-list section 4.1: 1-bit list of 16 entries, statuses 1,0,0,1,1,1,0,1 | 1,1,0,0,0,1,0,1
        // gives bytes 0xB9 0xA3 (entry 0 in the least significant bit).
        var list = new StatusList(1, 16);
        int[] statuses = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
        for (var i = 0; i < statuses.Length; i++)
        {
            list.Set(i, (TokenStatus)statuses[i]);
        }

        Assert.Equal(new byte[] { 0xB9, 0xA3 }, list.ToBytes());
        Assert.Equal("eNrbuRgAAhcBXQ", list.Encode());
    }

    [Fact]
    public void Two_bit_layout_matches_the_draft_example()
    {
        // Same section, 2 bits: statuses 1,2,0,3,0,1,0,1,1,2,3,3 give bytes 0xC9 0x44 0xF9.
        var list = new StatusList(2, 12);
        int[] statuses = [1, 2, 0, 3, 0, 1, 0, 1, 1, 2, 3, 3];
        for (var i = 0; i < statuses.Length; i++)
        {
            list.Set(i, (TokenStatus)statuses[i]);
        }

        Assert.Equal(new byte[] { 0xC9, 0x44, 0xF9 }, list.ToBytes());
        Assert.Equal("eNo76fITAAPfAgc", list.Encode());
    }

    [Fact]
    public void Decoding_the_draft_lst_gives_its_entries()
    {
        var list = StatusList.Decode(1, "eNrbuRgAAhcBXQ");
        Assert.Equal(TokenStatus.Invalid, list.Get(0));
        Assert.Equal(TokenStatus.Valid, list.Get(1));
        Assert.Equal(TokenStatus.Valid, list.Get(14));
        Assert.Equal(TokenStatus.Invalid, list.Get(15));
        Assert.Equal(16, list.Capacity);
    }

    [Fact]
    public void Setting_one_entry_leaves_its_neighbours()
    {
        var list = new StatusList(2, 16);
        list.Set(5, TokenStatus.Suspended);
        list.Set(6, TokenStatus.Invalid);
        list.Set(5, TokenStatus.Valid);
        Assert.Equal(TokenStatus.Valid, list.Get(5));
        Assert.Equal(TokenStatus.Invalid, list.Get(6));
        Assert.Equal(TokenStatus.Valid, list.Get(4));
    }

    [Fact]
    public void Bad_list_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>("bits", () => new StatusList(3, 8));
        Assert.Throws<ArgumentOutOfRangeException>("capacity", () => new StatusList(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>("capacity", () => new StatusList(1, 12));
        var list = new StatusList(1, 8);
        Assert.Throws<ArgumentOutOfRangeException>("index", () => list.Get(8));
        Assert.Throws<ArgumentOutOfRangeException>("index", () => list.Set(-1, TokenStatus.Invalid));
        Assert.Throws<ArgumentOutOfRangeException>("status", () => list.Set(0, TokenStatus.Suspended));
    }

    [Fact]
    public void Bad_lst_is_malformed_or_too_large()
    {
        VerificationRefusalTests.Refused(SdJwtErrorCode.Malformed, () => StatusList.Decode(1, "not base64!"));
        VerificationRefusalTests.Refused(SdJwtErrorCode.Malformed, () => StatusList.Decode(1, Forge.B64("not zlib")));
        VerificationRefusalTests.Refused(SdJwtErrorCode.Malformed, () => StatusList.Decode(3, "eNrbuRgAAhcBXQ"));
        // A compression bomb: 64 MiB of zeros compress to a few kilobytes.
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }

        VerificationRefusalTests.Refused(SdJwtErrorCode.TooLarge, () => StatusList.Decode(1, Forge.B64(output.ToArray()), maxBytes: 1 << 20));
    }

    [Fact]
    public void Status_list_token_is_signed_verified_and_read()
    {
        var list = new StatusList(2, StatusList.MinimumPrivacyCapacity);
        list.Set(4711, TokenStatus.Suspended);
        list.Set(4712, TokenStatus.Invalid);
        var token = _s.Issuer.IssueStatusListToken(list, new StatusListTokenRequest
        {
            Uri = Scenario.StatusUri,
            Expires = _s.Clock.Now.AddHours(1),
            TimeToLive = TimeSpan.FromMinutes(5),
        });
        var header = Forge.Header(token);
        Assert.Equal("statuslist+jwt", (string?)header["typ"]);
        Assert.Equal("ES256", (string?)header["alg"]);
        var payload = Forge.Payload(token);
        Assert.Equal(Scenario.StatusUri, (string?)payload["sub"]);
        Assert.Equal(2, (int)payload["status_list"]!["bits"]!);
        Assert.Equal(300, (int)payload["ttl"]!);

        var verified = _s.Verifier.VerifyStatusListToken(token, Scenario.StatusUri);
        Assert.Equal(TokenStatus.Suspended, verified.GetStatus(new StatusReference(4711, Scenario.StatusUri)));
        Assert.Equal(TokenStatus.Valid, verified.GetStatus(new StatusReference(4713, Scenario.StatusUri)));
        verified.EnsureValid(new StatusReference(0, Scenario.StatusUri));
        VerificationRefusalTests.Refused(SdJwtErrorCode.Suspended, () => verified.EnsureValid(new StatusReference(4711, Scenario.StatusUri)));
        VerificationRefusalTests.Refused(SdJwtErrorCode.Revoked, () => verified.EnsureValid(new StatusReference(4712, Scenario.StatusUri)));
        VerificationRefusalTests.Refused(SdJwtErrorCode.StatusIndexOutOfRange, () => verified.EnsureValid(new StatusReference(StatusList.MinimumPrivacyCapacity, Scenario.StatusUri)));
        VerificationRefusalTests.Refused(SdJwtErrorCode.StatusListMismatch, () => verified.EnsureValid(new StatusReference(1, "https://elsewhere/1")));
        Assert.Equal(TimeSpan.FromMinutes(5), verified.TimeToLive);
    }

    [Fact]
    public void Application_specific_status_is_not_valid()
    {
        var list = new StatusList(2, StatusList.MinimumPrivacyCapacity);
        list.Set(9, TokenStatus.ApplicationSpecific);
        var verified = _s.Verifier.VerifyStatusListToken(_s.Issuer.IssueStatusListToken(list, new StatusListTokenRequest { Uri = Scenario.StatusUri }), Scenario.StatusUri);
        VerificationRefusalTests.Refused(SdJwtErrorCode.StatusNotValid, () => verified.EnsureValid(new StatusReference(9, Scenario.StatusUri)));
    }

    [Fact]
    public void Status_list_token_refusals()
    {
        var list = new StatusList(1, StatusList.MinimumPrivacyCapacity);
        var token = _s.Issuer.IssueStatusListToken(list, new StatusListTokenRequest { Uri = Scenario.StatusUri, Expires = _s.Clock.Now.AddHours(1) });

        VerificationRefusalTests.Refused(SdJwtErrorCode.StatusListMismatch, () => _s.Verifier.VerifyStatusListToken(token, "https://status.org1.example.com/lists/other"));

        using var key = Forge.Key(_pki.IssuerKeyPem);
        var header = Forge.Header(token);
        header["typ"] = "JWT";
        VerificationRefusalTests.Refused(SdJwtErrorCode.UnsupportedType, () => _s.Verifier.VerifyStatusListToken(Forge.Sign(key, header, Forge.Payload(token)), Scenario.StatusUri));

        var tampered = Forge.Payload(token);
        tampered["sub"] = "https://status.org1.example.com/lists/other";
        var parts = token.Split('.');
        VerificationRefusalTests.Refused(SdJwtErrorCode.InvalidSignature,
            () => _s.Verifier.VerifyStatusListToken(parts[0] + "." + Forge.B64(tampered.ToJsonString()) + "." + parts[2], "https://status.org1.example.com/lists/other"));

        using var rogueKey = IssuerKey.FromPem(_pki.RogueCertificatePem, _pki.RogueKeyPem);
        var rogueToken = new SdJwtIssuer(rogueKey, new SdJwtIssuerOptions { TimeProvider = _s.Clock })
            .IssueStatusListToken(list, new StatusListTokenRequest { Uri = Scenario.StatusUri });
        VerificationRefusalTests.Refused(SdJwtErrorCode.UntrustedIssuer, () => _s.Verifier.VerifyStatusListToken(rogueToken, Scenario.StatusUri));

        var noList = Forge.Payload(token);
        noList.Remove("status_list");
        VerificationRefusalTests.Refused(SdJwtErrorCode.MissingClaim, () => _s.Verifier.VerifyStatusListToken(Forge.Sign(key, Forge.Header(token), noList), Scenario.StatusUri));

        var noIat = Forge.Payload(token);
        noIat.Remove("iat");
        VerificationRefusalTests.Refused(SdJwtErrorCode.MissingClaim, () => _s.Verifier.VerifyStatusListToken(Forge.Sign(key, Forge.Header(token), noIat), Scenario.StatusUri));

        var badBits = Forge.Payload(token);
        badBits["status_list"]!["bits"] = 3;
        VerificationRefusalTests.Refused(SdJwtErrorCode.Malformed, () => _s.Verifier.VerifyStatusListToken(Forge.Sign(key, Forge.Header(token), badBits), Scenario.StatusUri));

        _s.VerifierOptions.MaxStatusListTokenLength = 100;
        VerificationRefusalTests.Refused(SdJwtErrorCode.TooLarge, () => _s.Verifier.VerifyStatusListToken(token, Scenario.StatusUri));
        _s.VerifierOptions.MaxStatusListTokenLength = 1 << 20;

        _s.Clock.Advance(TimeSpan.FromHours(2));
        VerificationRefusalTests.Refused(SdJwtErrorCode.StatusListExpired, () => _s.Verifier.VerifyStatusListToken(token, Scenario.StatusUri));
    }

    [Fact]
    public void Issuer_refuses_to_publish_a_list_that_would_single_out_a_person()
    {
        var ex = Assert.Throws<ArgumentException>("list", () => _s.Issuer.IssueStatusListToken(new StatusList(1, 1024), new StatusListTokenRequest { Uri = Scenario.StatusUri }));
        Assert.Contains("131072", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_status_is_checked_end_to_end()
    {
        var issued = _s.Issue();
        var verified = _s.Verify(_s.Present(issued.SdJwt).Compact);
        var list = new StatusList(2, StatusList.MinimumPrivacyCapacity);
        var publish = () => _s.Verifier.VerifyStatusListToken(_s.Issuer.IssueStatusListToken(list, new StatusListTokenRequest { Uri = verified.Status!.Uri }), verified.Status!.Uri);

        publish().EnsureValid(verified.Status!);
        list.Set(verified.Status!.Index, TokenStatus.Suspended);
        VerificationRefusalTests.Refused(SdJwtErrorCode.Suspended, () => publish().EnsureValid(verified.Status!));
        list.Set(verified.Status!.Index, TokenStatus.Valid);
        publish().EnsureValid(verified.Status!);
        list.Set(verified.Status!.Index, TokenStatus.Invalid);
        VerificationRefusalTests.Refused(SdJwtErrorCode.Revoked, () => publish().EnsureValid(verified.Status!));
    }
}
