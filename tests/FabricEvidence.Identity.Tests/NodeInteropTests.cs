using System.Text.Json.Nodes;
using FabricEvidence.TestSupport;

namespace FabricEvidence.Identity.Tests;

/// <summary>
/// Interoperability with the OpenWallet Foundation's @sd-jwt/sd-jwt-vc and @sd-jwt/jwt-status-list (Node, installed
/// from tests/testassets/node/sdjwt/package-lock.json): each side verifies what the other issued.
/// </summary>
public sealed class NodeInteropTests : IClassFixture<TestPki>, IDisposable
{
    private const string Package = "sdjwt";
    private readonly Scenario _s;
    private readonly TestPki _pki;

    public NodeInteropTests(TestPki pki)
    {
        _pki = pki;
        _s = new Scenario(pki);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public async Task Their_verifier_accepts_our_credential_presentation_and_status_list()
    {
        // The scenario's clock is real time here: the Node library checks iat, exp and certificates against its own clock.
        var issued = _s.Issue();
        var presentation = _s.Present(issued.SdJwt, "nonce-from-verifier", "age_over_18", "address/locality");
        var birthdate = issued.Disclosures.Single(d => d.ClaimName == "birthdate").Encoded;
        var cut = presentation.Compact.LastIndexOf('~');
        var tampered = presentation.Compact[..(cut + 1)] + birthdate + "~" + presentation.Compact[(cut + 1)..]; // slipped in after the holder signed

        var list = new StatusList(2, StatusList.MinimumPrivacyCapacity);
        list.Set(4712, TokenStatus.Suspended);
        list.Set(4713, TokenStatus.Invalid);
        var statusToken = _s.Issuer.IssueStatusListToken(list, new StatusListTokenRequest { Uri = Scenario.StatusUri, TimeToLive = TimeSpan.FromHours(1) });

        var input = new JsonObject
        {
            ["caPem"] = _pki.Root.ExportCertificatePem(),
            ["credential"] = issued.SdJwt,
            ["presentation"] = presentation.Compact,
            ["tampered"] = tampered,
            ["nonce"] = "nonce-from-verifier",
            ["audience"] = Scenario.Audience,
            ["requiredClaims"] = new JsonArray("age_over_18", "address"),
            ["statusUri"] = Scenario.StatusUri,
            ["statusListToken"] = statusToken,
            ["statusIndexes"] = new JsonArray(4711, 4712, 4713),
        };
        var output = JsonNode.Parse(await NodeRunner.RunAsync(Package, "verify-ours.mjs", [], input.ToJsonString()))!;

        var credential = output["credential"]!;
        Assert.True(credential["error"] is null, $"@sd-jwt/sd-jwt-vc refused our credential: {credential["error"]}");
        Assert.Equal("dc+sd-jwt", (string?)credential["typ"]);
        Assert.Equal("Mustermann", (string?)credential["payload"]!["family_name"]);
        Assert.Equal("Köln", (string?)credential["payload"]!["address"]!["locality"]);
        Assert.Equal(["DE", "FR"], credential["payload"]!["nationalities"]!.AsArray().Select(n => (string)n!));

        var shown = output["presentation"]!;
        Assert.True(shown["error"] is null, $"@sd-jwt/sd-jwt-vc refused our presentation: {shown["error"]}");
        Assert.True((bool)shown["payload"]!["age_over_18"]!);
        Assert.Equal("Köln", (string?)shown["payload"]!["address"]!["locality"]);
        Assert.Null(shown["payload"]!["family_name"]);
        Assert.Null(shown["payload"]!["address"]!["street_address"]);
        Assert.Equal("nonce-from-verifier", (string?)shown["kb"]!["nonce"]);
        Assert.Equal(presentation.SdHash, (string?)shown["kb"]!["sd_hash"]);

        Assert.True((bool)output["wrongNonceRejected"]!);
        Assert.True((bool)output["tamperedRejected"]!, "the Node verifier accepted a disclosure added after key binding");
        Assert.Contains("sd_hash", (string?)output["tamperedError"], StringComparison.Ordinal);

        Assert.Equal(2, (int)output["status"]!["bits"]!);
        Assert.Equal([0, 2, 1], output["status"]!["entries"]!.AsArray().Select(n => (int)n!));
        Assert.Equal([0, 0], output["status"]!["validatorSaw"]!.AsArray().Select(n => (int)n!)); // index 4711, checked for both verifications
    }

    [Fact]
    public async Task Our_verifier_accepts_their_credential_presentation_and_status_list()
    {
        var iat = _s.Clock.Now.ToUnixTimeSeconds();
        var input = new JsonObject
        {
            ["issuerKeyPem"] = _pki.IssuerKeyPem,
            ["x5c"] = Forge.X5c(_pki.IssuerCertificatePem),
            ["issuer"] = Scenario.IssuerId,
            ["vct"] = Scenario.Vct,
            ["iat"] = iat,
            ["nonce"] = "their-nonce",
            ["audience"] = Scenario.Audience,
            ["statusUri"] = Scenario.StatusUri,
            ["statusIndex"] = 1234,
        };
        var output = JsonNode.Parse(await NodeRunner.RunAsync(Package, "issue-theirs.mjs", [], input.ToJsonString()))!;
        var credential = (string)output["credential"]!;
        var presentation = (string)output["presentation"]!;

        var received = _s.Verifier.VerifyCredential(credential);
        Assert.Equal("Erika", (string?)received.Claims["given_name"]);
        Assert.Equal("Köln", (string?)received.Claims["address"]!["locality"]);
        Assert.Equal(new StatusReference(1234, Scenario.StatusUri), received.Status);
        Assert.Equal(HolderPublicKey.FromJwk(output["holderJwk"]!.AsObject()).Thumbprint, received.HolderKey!.Thumbprint);

        var verified = _s.Verify(presentation, "their-nonce");
        Assert.True((bool)verified.Claims["age_over_18"]!);
        Assert.Equal("Köln", (string?)verified.Claims["address"]!["locality"]);
        Assert.False(verified.Claims.ContainsKey("given_name"));
        Assert.Equal("their-nonce", verified.KeyBinding!.Nonce);
        Assert.Equal(received.IssuerSignedJwtHash, verified.IssuerSignedJwtHash);
        Assert.All(verified.DisclosureDigests, d => Assert.Contains(d, received.DisclosureDigests));

        VerificationRefusalTests.Refused(SdJwtErrorCode.NonceMismatch, () => _s.Verify(presentation, "another-nonce"));
        VerificationRefusalTests.Refused(SdJwtErrorCode.AudienceMismatch, () => _s.Verify(presentation, "their-nonce", "Org3MSP"));

        var status = _s.Verifier.VerifyStatusListToken((string)output["statusListToken"]!, Scenario.StatusUri);
        Assert.Equal(StatusList.MinimumPrivacyCapacity, status.List.Capacity);
        Assert.Equal(TimeSpan.FromHours(1), status.TimeToLive);
        VerificationRefusalTests.Refused(SdJwtErrorCode.Suspended, () => status.EnsureValid(received.Status!));
        VerificationRefusalTests.Refused(SdJwtErrorCode.Revoked, () => status.EnsureValid(new StatusReference(1235, Scenario.StatusUri)));
        status.EnsureValid(new StatusReference(1233, Scenario.StatusUri));
    }
}
