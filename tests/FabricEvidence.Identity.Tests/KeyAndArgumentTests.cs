using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Tests;

/// <summary>Keys, and the arguments the issuer and presenter refuse.</summary>
public sealed class KeyAndArgumentTests : IClassFixture<TestPki>, IDisposable
{
    private readonly Scenario _s;
    private readonly TestPki _pki;

    public KeyAndArgumentTests(TestPki pki)
    {
        _pki = pki;
        _s = new Scenario(pki);
    }

    public void Dispose() => _s.Dispose();

    [Fact]
    public void Holder_key_round_trips_through_pkcs8_and_jwk()
    {
        using var copy = HolderKey.ImportPkcs8(_s.Holder.ExportPkcs8());
        Assert.Equal(_s.Holder.Thumbprint, copy.Thumbprint);
        var jwk = _s.Holder.PublicKey.ToJwk();
        Assert.Equal(["kty", "crv", "x", "y"], jwk.Select(p => p.Key));
        Assert.Equal(_s.Holder.Thumbprint, HolderPublicKey.FromJwk(jwk).Thumbprint);
        using var pem = HolderKey.ImportPem(PemEncoding.WriteString("PRIVATE KEY", _s.Holder.ExportPkcs8()));
        Assert.Equal(_s.Holder.Thumbprint, pem.Thumbprint);
    }

    [Fact]
    public void Each_generated_holder_key_is_new()
    {
        using var a = HolderKey.Generate();
        using var b = HolderKey.Generate();
        Assert.NotEqual(a.Thumbprint, b.Thumbprint);
        Assert.Equal(43, a.Thumbprint.Length);
    }

    [Fact]
    public void Unusable_keys_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<ArgumentException>("pkcs8", () => HolderKey.ImportPkcs8(p384.ExportPkcs8PrivateKey()));
        Assert.Throws<ArgumentException>("pkcs8", () => HolderKey.ImportPkcs8(new byte[] { 1, 2, 3 }));
        Assert.Throws<ArgumentException>("pem", () => HolderKey.ImportPem("no key here"));
        var jwk = _s.Holder.PublicKey.ToJwk();
        jwk["crv"] = "P-384";
        Assert.Throws<ArgumentException>("jwk", () => HolderPublicKey.FromJwk(jwk));
        var withPrivate = _s.Holder.PublicKey.ToJwk();
        withPrivate["d"] = "AAAA";
        Assert.Throws<ArgumentException>("jwk", () => HolderPublicKey.FromJwk(withPrivate));
        var shortX = _s.Holder.PublicKey.ToJwk();
        shortX["x"] = "AAAA";
        Assert.Throws<ArgumentException>("jwk", () => HolderPublicKey.FromJwk(shortX));
        Assert.Throws<ArgumentException>("json", () => HolderPublicKey.FromJwkJson("[1]"));
    }

    [Fact]
    public void Issuer_key_must_match_its_certificate()
    {
        Assert.Throws<ArgumentException>("privateKeyPem", () => IssuerKey.FromPem(_pki.IssuerCertificatePem, _pki.RogueKeyPem));
        Assert.Throws<ArgumentException>("certificatesPem", () => IssuerKey.FromPem("nothing", _pki.IssuerKeyPem));
        Assert.Throws<ArgumentException>("privateKeyPem", () => IssuerKey.FromPem(_pki.IssuerCertificatePem, "nothing"));
        var empty = Directory.CreateTempSubdirectory("fe-msp-");
        try
        {
            Assert.Throws<ArgumentException>("mspDirectory", () => IssuerKey.FromMspDirectory(empty.FullName));
        }
        finally
        {
            empty.Delete(true);
        }
    }

    [Theory]
    [InlineData("iss")]
    [InlineData("vct")]
    [InlineData("cnf")]
    [InlineData("status")]
    [InlineData("_sd")]
    [InlineData("exp")]
    public void Issuer_refuses_claims_it_sets_itself_or_sd_jwt_reserves(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => _s.Issue(b => b.Claims[name] = "x"));
        Assert.Equal("request.Claims", ex.ParamName);
    }

    [Fact]
    public void Issuer_refuses_bad_requests()
    {
        Assert.Throws<ArgumentException>("request.SelectivelyDisclosable", () => _s.Issue(b => b.SelectivelyDisclosable = ["no_such_claim"]));
        Assert.Throws<ArgumentException>("request.Expires", () => _s.Issue(b => b.Expires = _s.Clock.Now.AddSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>("request.DecoyDigests", () => _s.Issue(b => b.DecoyDigests = 65));
        Assert.Throws<ArgumentException>("request.Vct", () => _s.Issue(b => b.Vct = " "));
        Assert.Throws<ArgumentOutOfRangeException>("request.Status.Index", () => _s.Issue(b => b.Status = new StatusReference(-1, "u")));
        Assert.Throws<ArgumentException>("request.Claims", () => _s.Issue(b => b.Claims["address"]!.AsObject()["..."] = "x"));
    }

    [Fact]
    public void Presenter_refuses_a_foreign_key_and_unknown_claims()
    {
        var issued = _s.Issue();
        using var other = HolderKey.Generate();
        Assert.Throws<ArgumentException>("holderKey", () => _s.Presenter.Present(issued.SdJwt, other, new PresentationRequest { Claims = [], Audience = "a", Nonce = "n" }));
        Assert.Throws<ArgumentException>("request.Claims", () => _s.Present(issued.SdJwt, "n", "salary"));
        Assert.Throws<ArgumentException>("request.Nonce", () => _s.Presenter.Present(issued.SdJwt, _s.Holder, new PresentationRequest { Claims = [], Audience = "a", Nonce = "" }));
        // A claim the issuer made always visible needs no disclosure and is fine to ask for.
        Assert.Empty(_s.Present(issued.SdJwt, "n", "vct").DisclosedClaims);
        // A visible claim inside a disclosable object needs the object's disclosure, and only that.
        Assert.Equal(["address"], _s.Present(issued.SdJwt, "n", "address/country").DisclosedClaims);
    }

    [Fact]
    public void Disclosure_factories_refuse_reserved_names_and_empty_salts()
    {
        Assert.Throws<ArgumentException>("claimName", () => Disclosure.ForProperty("_sd", JsonValue.Create(1)));
        Assert.Throws<ArgumentException>("claimName", () => Disclosure.ForProperty("...", JsonValue.Create(1)));
        Assert.Throws<ArgumentException>("salt", () => Disclosure.ForProperty("a", JsonValue.Create(1), ""));
        Assert.Throws<ArgumentException>("text", () => Disclosure.ComputeDigest("é"));
    }
}
