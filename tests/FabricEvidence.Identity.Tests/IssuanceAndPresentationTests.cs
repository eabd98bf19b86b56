using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Tests;

public sealed class IssuanceAndPresentationTests : IClassFixture<TestPki>, IDisposable
{
    private readonly Scenario _s;

    public IssuanceAndPresentationTests(TestPki pki)
    {
        _s = new Scenario(pki);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void Issued_credential_has_the_sd_jwt_vc_shape()
    {
        var issued = _s.Issue();
        var parts = issued.IssuerSignedJwt.Split('.');
        var header = JsonNode.Parse(Convert.FromBase64String(Pad(parts[0])))!.AsObject();
        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1])))!.AsObject();

        Assert.Equal("ES256", (string?)header["alg"]);
        Assert.Equal("dc+sd-jwt", (string?)header["typ"]);
        Assert.Single(header["x5c"]!.AsArray());
        Assert.Equal(Scenario.Vct, (string?)payload["vct"]);
        Assert.Equal(Scenario.IssuerId, (string?)payload["iss"]);
        Assert.Equal("sha-256", (string?)payload["_sd_alg"]);
        Assert.Equal(4711, (int)payload["status"]!["status_list"]!["idx"]!);
        Assert.Equal(Scenario.StatusUri, (string?)payload["status"]!["status_list"]!["uri"]);
        Assert.Equal(_s.Holder.PublicKey.ToJwkJson(), payload["cnf"]!["jwk"]!.ToJsonString());
        Assert.EndsWith("~", issued.SdJwt, StringComparison.Ordinal);

        // No disclosed value is readable in the issuer-signed part.
        var payloadText = payload.ToJsonString();
        Assert.DoesNotContain("Mustermann", payloadText, StringComparison.Ordinal);
        Assert.DoesNotContain("given_name", payloadText, StringComparison.Ordinal);
        Assert.DoesNotContain("DE", payload["nationalities"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_disclosure_is_salted_json_and_its_digest_is_in_the_payload()
    {
        var issued = _s.Issue();
        Assert.Equal(Scenario.Disclosable.Length - 1 + 2, issued.Disclosures.Count); // nationalities/* gives one per element
        var payloadText = Encoding.UTF8.GetString(Convert.FromBase64String(Pad(issued.IssuerSignedJwt.Split('.')[1])));
        foreach (var d in issued.Disclosures)
        {
            var array = JsonNode.Parse(Convert.FromBase64String(Pad(d.Encoded.Replace('-', '+').Replace('_', '/'))))!.AsArray();
            Assert.Equal(d.IsArrayElement ? 2 : 3, array.Count);
            Assert.Equal(22, ((string)array[0]!).Length); // 16 random bytes, base64url
            var expected = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(d.Encoded))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            Assert.Equal(expected, d.Digest);
            // Top-level digests are in the signed payload; nested ones inside the disclosure of their parent object.
            var referencedBy = issued.Disclosures.Where(o => o != d).Select(o => o.Value?.ToJsonString() ?? "").Append(payloadText);
            Assert.Single(referencedBy, text => text.Contains(d.Digest, StringComparison.Ordinal));
        }

        Assert.Equal(issued.Disclosures.Count, issued.Disclosures.Select(d => d.Salt).Distinct().Count());
    }

    [Fact]
    public void Commitment_holds_hashes_and_metadata_but_no_claim_value()
    {
        var issued = _s.Issue();
        var c = issued.Commitment;
        var expectedHash = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(issued.IssuerSignedJwt))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(expectedHash, c.IssuerSignedJwtHash);
        Assert.Equal(issued.Disclosures.Select(d => d.Digest).Order(StringComparer.Ordinal), c.DisclosureDigests);
        Assert.Equal(_s.Holder.Thumbprint, c.HolderKeyThumbprint);
        Assert.Equal(new StatusReference(4711, Scenario.StatusUri), c.Status);
        var text = System.Text.Json.JsonSerializer.Serialize(c);
        foreach (var value in new[] { "Erika", "Mustermann", "1963-08-12", "Köln", "Heide", "51147", "given_name", "birthdate" })
        {
            Assert.DoesNotContain(value, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Holder_verifies_the_credential_on_receipt_and_sees_every_claim()
    {
        var issued = _s.Issue();
        var verified = _s.Verifier.VerifyCredential(issued.SdJwt);
        Assert.Equal("Erika", (string?)verified.Claims["given_name"]);
        Assert.Equal("Köln", (string?)verified.Claims["address"]!["locality"]);
        Assert.Equal(["DE", "FR"], verified.Claims["nationalities"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(issued.Commitment.IssuerSignedJwtHash, verified.IssuerSignedJwtHash);
        Assert.Equal(issued.Disclosures.Count, verified.DisclosureDigests.Count);
        Assert.False(verified.Claims.ContainsKey("_sd"));
        Assert.False(verified.Claims.ContainsKey("_sd_alg"));
        Assert.Equal(_s.Pki.Root.Thumbprint, verified.TrustAnchor!.Thumbprint);
        Assert.Null(verified.KeyBinding);
    }

    [Fact]
    public void Presentation_reveals_only_the_chosen_claims()
    {
        var issued = _s.Issue();
        var presentation = _s.Present(issued.SdJwt);
        var verified = _s.Verify(presentation.Compact);

        Assert.True((bool)verified.Claims["age_over_18"]!);
        Assert.Equal("Köln", (string?)verified.Claims["address"]!["locality"]);
        Assert.Equal("DE", (string?)verified.Claims["address"]!["country"]); // always visible inside address
        Assert.False(verified.Claims.ContainsKey("given_name"));
        Assert.False(verified.Claims.ContainsKey("birthdate"));
        Assert.False(verified.Claims["address"]!.AsObject().ContainsKey("street_address"));
        Assert.Empty(verified.Claims["nationalities"]!.AsArray());
        Assert.Equal(["address", "address/locality", "age_over_18"], verified.DisclosedClaims.Order(StringComparer.Ordinal));
        Assert.Equal(presentation.DisclosureDigests, verified.DisclosureDigests);
        Assert.All(verified.DisclosureDigests, d => Assert.Contains(d, issued.Commitment.DisclosureDigests));
        Assert.DoesNotContain("Mustermann", presentation.Compact, StringComparison.Ordinal);
        foreach (var hidden in issued.Disclosures.Where(d => d.ClaimName is "given_name" or "birthdate" or "street_address"))
        {
            Assert.DoesNotContain(hidden.Encoded, presentation.Compact, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Key_binding_carries_audience_nonce_time_and_sd_hash()
    {
        var issued = _s.Issue();
        var presentation = _s.Present(issued.SdJwt, "nonce-42");
        var verified = _s.Verify(presentation.Compact, "nonce-42");
        Assert.NotNull(verified.KeyBinding);
        Assert.Equal(Scenario.Audience, verified.KeyBinding.Audience);
        Assert.Equal("nonce-42", verified.KeyBinding.Nonce);
        Assert.Equal(_s.Clock.Now, verified.KeyBinding.IssuedAt);
        Assert.Equal(presentation.SdHash, verified.KeyBinding.SdHash);

        var kb = presentation.Compact[(presentation.Compact.LastIndexOf('~') + 1)..];
        var header = JsonNode.Parse(Convert.FromBase64String(Pad(kb.Split('.')[0])))!;
        Assert.Equal("kb+jwt", (string?)header["typ"]);
        Assert.Equal("ES256", (string?)header["alg"]);
        var withoutKb = presentation.Compact[..(presentation.Compact.LastIndexOf('~') + 1)];
        var sdHash = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(withoutKb))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(sdHash, presentation.SdHash);
    }

    [Fact]
    public void Presenting_a_whole_object_reveals_its_nested_disclosures()
    {
        var issued = _s.Issue();
        var verified = _s.Verify(_s.Present(issued.SdJwt, claims: ["address"]).Compact);
        Assert.Equal("Heidestraße 17", (string?)verified.Claims["address"]!["street_address"]);
        Assert.Equal("51147", (string?)verified.Claims["address"]!["postal_code"]);
    }

    [Fact]
    public void Array_elements_are_disclosed_one_by_one()
    {
        var issued = _s.Issue();
        var verified = _s.Verify(_s.Present(issued.SdJwt, claims: ["nationalities/1"]).Compact);
        Assert.Equal(["FR"], verified.Claims["nationalities"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void Presenting_nothing_selectively_disclosable_still_verifies()
    {
        var issued = _s.Issue();
        var presentation = _s.Presenter.Present(issued.SdJwt, _s.Holder, new PresentationRequest { Claims = [], Audience = Scenario.Audience, Nonce = "n" });
        var verified = _s.Verify(presentation.Compact, "n");
        Assert.Empty(verified.DisclosedClaims);
        Assert.Equal(Scenario.Vct, verified.Vct);
    }

    [Fact]
    public void Decoys_hide_the_number_of_claims_and_do_not_disturb_verification()
    {
        var issued = _s.Issue(b => b.DecoyDigests = 5);
        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(issued.IssuerSignedJwt.Split('.')[1])))!;
        Assert.Equal(5 + 5, payload["_sd"]!.AsArray().Count); // 5 top-level claims + 5 decoys
        var sd = payload["_sd"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Equal(sd.Order(StringComparer.Ordinal), sd);
        Assert.Equal(issued.Disclosures.Count, _s.Verifier.VerifyCredential(issued.SdJwt).DisclosureDigests.Count);
    }

    [Fact]
    public void Issuer_with_an_intermediate_ca_puts_the_chain_in_x5c()
    {
        using var key = IssuerKey.FromPem(_s.Pki.IntermediateIssuerPem, _s.Pki.IntermediateIssuerKeyPem);
        Assert.Equal(2, key.Chain.Count);
        var issuer = new SdJwtIssuer(key, new SdJwtIssuerOptions { TimeProvider = _s.Clock });
        var issued = _s.Issue(issuer: issuer);
        var verified = _s.Verify(_s.Present(issued.SdJwt).Compact);
        Assert.Equal(key.Certificate.Thumbprint, verified.IssuerCertificate.Thumbprint);
        Assert.Equal(_s.Pki.Root.Thumbprint, verified.TrustAnchor!.Thumbprint);
    }

    [Fact]
    public void Legacy_typ_is_issued_on_request_and_accepted()
    {
        var issuer = new SdJwtIssuer(_s.IssuerKey, new SdJwtIssuerOptions { TimeProvider = _s.Clock, TokenType = "vc+sd-jwt" });
        var issued = _s.Issue(issuer: issuer);
        Assert.Contains("vc+sd-jwt", Encoding.UTF8.GetString(Convert.FromBase64String(Pad(issued.IssuerSignedJwt.Split('.')[0]))), StringComparison.Ordinal);
        Assert.Equal(Scenario.Vct, _s.Verify(_s.Present(issued.SdJwt).Compact).Vct);
    }

    [Fact]
    public void Issuer_key_loads_from_a_fabric_msp_folder()
    {
        var msp = Directory.CreateTempSubdirectory("fe-msp-");
        try
        {
            Directory.CreateDirectory(Path.Combine(msp.FullName, "signcerts"));
            Directory.CreateDirectory(Path.Combine(msp.FullName, "keystore"));
            File.WriteAllText(Path.Combine(msp.FullName, "signcerts", "registry@org1.example.com-cert.pem"), _s.Pki.IssuerCertificatePem);
            File.WriteAllText(Path.Combine(msp.FullName, "keystore", "priv_sk"), _s.Pki.IssuerKeyPem);
            using var key = IssuerKey.FromMspDirectory(msp.FullName);
            Assert.Equal(_s.IssuerKey.Certificate.Thumbprint, key.Certificate.Thumbprint);
        }
        finally
        {
            msp.Delete(recursive: true);
        }
    }

    internal static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - s.Length % 4) % 4);
    }
}
