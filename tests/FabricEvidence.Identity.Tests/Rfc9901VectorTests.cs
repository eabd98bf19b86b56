using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity.Tests;

/// <summary>
/// The example values of RFC 9901 (section 5 disclosures and digests; the issuance and key-bound presentation of the
/// draft examples that use the same salts and the example keys of appendix A.5), checked against our SD-JWT layer.
/// </summary>
public sealed class Rfc9901VectorTests
{
    // The issuer and holder example keys of RFC 9901 (the same in the drafts the two SD-JWTs below come from).
    private static readonly JsonObject IssuerKey = new()
    {
        ["kty"] = "EC", ["crv"] = "P-256",
        ["x"] = "b28d4MwZMjw8-00CG4xfnn9SLMVMM19SlqZpVb_uNtQ",
        ["y"] = "Xv5zWwuoaTgdS6hV43yI6gBwTnjukmFQQnJ_kCxzqk8",
    };

    private static readonly JsonObject HolderKey = new()
    {
        ["kty"] = "EC", ["crv"] = "P-256",
        ["x"] = "TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc",
        ["y"] = "ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ",
    };

    private const string Issuance = ""
        + "eyJhbGciOiAiRVMyNTYifQ.eyJfc2QiOiBbIkNyUWU3UzVrcUJBSHQtbk1ZWGdjNmJkdDJTSDVhVFkxc1VfTS1QZ2tqUEkiLCAiSnpZakg0c3Z"
        + "saUgwUjNQeUVNZmVadTZKdDY5dTVxZWhabzdGN0VQWWxTRSIsICJQb3JGYnBLdVZ1Nnh5bUphZ3ZrRnNGWEFiUm9jMkpHbEFVQTJCQTRvN2NJI"
        + "iwgIlRHZjRvTGJnd2Q1SlFhSHlLVlFaVTlVZEdFMHc1cnREc3JaemZVYW9tTG8iLCAiWFFfM2tQS3QxWHlYN0tBTmtxVlI2eVoyVmE1TnJQSXZ"
        + "QWWJ5TXZSS0JNTSIsICJYekZyendzY002R242Q0pEYzZ2Vks4QmtNbmZHOHZPU0tmcFBJWmRBZmRFIiwgImdiT3NJNEVkcTJ4Mkt3LXc1d1BFe"
        + "mFrb2I5aFYxY1JEMEFUTjNvUUw5Sk0iLCAianN1OXlWdWx3UVFsaEZsTV8zSmx6TWFTRnpnbGhRRzBEcGZheVF3TFVLNCJdLCAiaXNzIjogImh"
        + "0dHBzOi8vZXhhbXBsZS5jb20vaXNzdWVyIiwgImlhdCI6IDE2ODMwMDAwMDAsICJleHAiOiAxODgzMDAwMDAwLCAic3ViIjogInVzZXJfNDIiL"
        + "CAibmF0aW9uYWxpdGllcyI6IFt7Ii4uLiI6ICJwRm5kamtaX1ZDem15VGE2VWpsWm8zZGgta284YUlLUWM5RGxHemhhVllvIn0sIHsiLi4uIjo"
        + "gIjdDZjZKa1B1ZHJ5M2xjYndIZ2VaOGtoQXYxVTFPU2xlclAwVmtCSnJXWjAifV0sICJfc2RfYWxnIjogInNoYS0yNTYiLCAiY25mIjogeyJqd"
        + "2siOiB7Imt0eSI6ICJFQyIsICJjcnYiOiAiUC0yNTYiLCAieCI6ICJUQ0FFUjE5WnZ1M09IRjRqNFc0dmZTVm9ISVAxSUxpbERsczd2Q2VHZW1"
        + "jIiwgInkiOiAiWnhqaVdXYlpNUUdIVldLVlE0aGJTSWlyc1ZmdWVjQ0U2dDRqVDlGMkhaUSJ9fX0.kmx687kUBiIDvKWgo2Dub-TpdCCRLZwtD"
        + "7TOj4RoLsUbtFBI8sMrtH2BejXtm_P6fOAjKAVc_7LRNJFgm3PJhg~WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAi"
        + "Sm9obiJd~WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd~WyI2SWo3dE0tYTVpVlBHYm9TNXRtdlZBIiwg"
        + "ImVtYWlsIiwgImpvaG5kb2VAZXhhbXBsZS5jb20iXQ~WyJlSThaV205UW5LUHBOUGVOZW5IZGhRIiwgInBob25lX251bWJlciIsICIrMS0yMDI"
        + "tNTU1LTAxMDEiXQ~WyJRZ19PNjR6cUF4ZTQxMmExMDhpcm9BIiwgInBob25lX251bWJlcl92ZXJpZmllZCIsIHRydWVd~WyJBSngtMDk1VlByc"
        + "FR0TjRRTU9xUk9BIiwgImFkZHJlc3MiLCB7InN0cmVldF9hZGRyZXNzIjogIjEyMyBNYWluIFN0IiwgImxvY2FsaXR5IjogIkFueXRvd24iLCA"
        + "icmVnaW9uIjogIkFueXN0YXRlIiwgImNvdW50cnkiOiAiVVMifV0~WyJQYzMzSk0yTGNoY1VfbEhnZ3ZfdWZRIiwgImJpcnRoZGF0ZSIsICIxO"
        + "TQwLTAxLTAxIl0~WyJHMDJOU3JRZmpGWFE3SW8wOXN5YWpBIiwgInVwZGF0ZWRfYXQiLCAxNTcwMDAwMDAwXQ~WyJsa2x4RjVqTVlsR1RQVW92"
        + "TU5JdkNBIiwgIlVTIl0~WyJuUHVvUW5rUkZxM0JJZUFtN0FuWEZBIiwgIkRFIl0~";

    private const string KeyBoundPresentation = ""
        + "eyJhbGciOiAiRVMyNTYiLCAidHlwIjogImV4YW1wbGUrc2Qtand0In0.eyJfc2QiOiBbIkNyUWU3UzVrcUJBSHQtbk1ZWGdjNmJkdDJTSDVhVF"
        + "kxc1VfTS1QZ2tqUEkiLCAiSnpZakg0c3ZsaUgwUjNQeUVNZmVadTZKdDY5dTVxZWhabzdGN0VQWWxTRSIsICJQb3JGYnBLdVZ1Nnh5bUphZ3Zr"
        + "RnNGWEFiUm9jMkpHbEFVQTJCQTRvN2NJIiwgIlRHZjRvTGJnd2Q1SlFhSHlLVlFaVTlVZEdFMHc1cnREc3JaemZVYW9tTG8iLCAiWFFfM2tQS3"
        + "QxWHlYN0tBTmtxVlI2eVoyVmE1TnJQSXZQWWJ5TXZSS0JNTSIsICJYekZyendzY002R242Q0pEYzZ2Vks4QmtNbmZHOHZPU0tmcFBJWmRBZmRF"
        + "IiwgImdiT3NJNEVkcTJ4Mkt3LXc1d1BFemFrb2I5aFYxY1JEMEFUTjNvUUw5Sk0iLCAianN1OXlWdWx3UVFsaEZsTV8zSmx6TWFTRnpnbGhRRz"
        + "BEcGZheVF3TFVLNCJdLCAiaXNzIjogImh0dHBzOi8vaXNzdWVyLmV4YW1wbGUuY29tIiwgImlhdCI6IDE2ODMwMDAwMDAsICJleHAiOiAxODgz"
        + "MDAwMDAwLCAic3ViIjogInVzZXJfNDIiLCAibmF0aW9uYWxpdGllcyI6IFt7Ii4uLiI6ICJwRm5kamtaX1ZDem15VGE2VWpsWm8zZGgta284YU"
        + "lLUWM5RGxHemhhVllvIn0sIHsiLi4uIjogIjdDZjZKa1B1ZHJ5M2xjYndIZ2VaOGtoQXYxVTFPU2xlclAwVmtCSnJXWjAifV0sICJfc2RfYWxn"
        + "IjogInNoYS0yNTYiLCAiY25mIjogeyJqd2siOiB7Imt0eSI6ICJFQyIsICJjcnYiOiAiUC0yNTYiLCAieCI6ICJUQ0FFUjE5WnZ1M09IRjRqNF"
        + "c0dmZTVm9ISVAxSUxpbERsczd2Q2VHZW1jIiwgInkiOiAiWnhqaVdXYlpNUUdIVldLVlE0aGJTSWlyc1ZmdWVjQ0U2dDRqVDlGMkhaUSJ9fX0."
        + "7oEYwv1H4rBa54xAhDH19DEIy-RRSTdwyJvhbjOKVFyQeM0-gcgpwCq-yFCbWj9THEjD9M4yYkAeaWXfuvBS-Q~WyJlbHVWNU9nM2dTTklJOEV"
        + "ZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd~WyJBSngtMDk1VlBycFR0TjRRTU9xUk9BIiwgImFkZHJlc3MiLCB7InN0cmVldF9hZGRy"
        + "ZXNzIjogIjEyMyBNYWluIFN0IiwgImxvY2FsaXR5IjogIkFueXRvd24iLCAicmVnaW9uIjogIkFueXN0YXRlIiwgImNvdW50cnkiOiAiVVMifV"
        + "0~WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd~WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIlVTIl0"
        + "~eyJhbGciOiAiRVMyNTYiLCAidHlwIjogImtiK2p3dCJ9.eyJub25jZSI6ICIxMjM0NTY3ODkwIiwgImF1ZCI6ICJodHRwczovL3ZlcmlmaWVy"
        + "LmV4YW1wbGUub3JnIiwgImlhdCI6IDE3MDIzMTYwMTUsICJzZF9oYXNoIjogIm5ZY09YeVA0M3Y5c3pLcnluX2tfNEdrUnJfajNTVEhoTlNTLW"
        + "kxRHVhdW8ifQ.12Qymun2geGbkYOwiV-DUVfS-zBBKqNe83yNbxM45J93bno-oM7mph3L1-rPa4lFKQ04wB-T9rU3uAZnBAan5g";

    [Theory]
    [InlineData("WyIyR0xDNDJzS1F2ZUNmR2ZyeU5STjl3IiwgImdpdmVuX25hbWUiLCAiSm9obiJd", "jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4", "given_name", "John")]
    [InlineData("WyJlbHVWNU9nM2dTTklJOEVZbnN4QV9BIiwgImZhbWlseV9uYW1lIiwgIkRvZSJd", "TGf4oLbgwd5JQaHyKVQZU9UdGE0w5rtDsrZzfUaomLo", "family_name", "Doe")]
    [InlineData("WyI2SWo3dE0tYTVpVlBHYm9TNXRtdlZBIiwgImVtYWlsIiwgImpvaG5kb2VAZXhhbXBsZS5jb20iXQ", "JzYjH4svliH0R3PyEMfeZu6Jt69u5qehZo7F7EPYlSE", "email", "johndoe@example.com")]
    public void Property_disclosures_parse_and_hash_as_the_rfc_says(string encoded, string digest, string name, string value)
    {
        var d = Disclosure.Parse(encoded);
        Assert.Equal(name, d.ClaimName);
        Assert.Equal(value, (string?)d.Value);
        Assert.Equal(digest, d.Digest);
        Assert.Equal(digest, Disclosure.ComputeDigest(encoded));
    }

    [Theory]
    [InlineData("WyJsa2x4RjVqTVlsR1RQVW92TU5JdkNBIiwgIlVTIl0", "pFndjkZ_VCzmyTa6UjlZo3dh-ko8aIKQc9DlGzhaVYo", "US")]
    [InlineData("WyJuUHVvUW5rUkZxM0JJZUFtN0FuWEZBIiwgIkRFIl0", "7Cf6JkPudry3lcbwHgeZ8khAv1U1OSlerP0VkBJrWZ0", "DE")]
    public void Array_element_disclosures_parse_and_hash_as_the_rfc_says(string encoded, string digest, string value)
    {
        var d = Disclosure.Parse(encoded);
        Assert.True(d.IsArrayElement);
        Assert.Equal(value, (string?)d.Value);
        Assert.Equal(digest, d.Digest);
    }

    [Fact]
    public void Our_encoding_of_the_same_salt_name_and_value_differs_only_in_whitespace()
    {
        // The RFC's examples put a space after each comma; the digest covers the encoded text, so a disclosure is
        // identified by its text, never re-serialised. Ours are compact JSON.
        var ours = Disclosure.ForProperty("given_name", "John", "2GLC42sKQveCfGfryNRN9w");
        Assert.Equal("[\"2GLC42sKQveCfGfryNRN9w\",\"given_name\",\"John\"]", System.Text.Encoding.UTF8.GetString(Forge.Unb64(ours.Encoded)));
        Assert.NotEqual("jsu9yVulwQQlhFlM_3JlzMaSFzglhQG0DpfayQwLUK4", ours.Digest);
    }

    [Fact]
    public void Issuance_example_signature_verifies_with_the_example_issuer_key()
    {
        var compact = CompactSdJwt.Parse(Issuance, int.MaxValue, int.MaxValue);
        var jws = Jws.TryParse(compact.IssuerSignedJwt, out _)!;
        Assert.True(Jws.Verify(jws, HolderPublicKey.FromJwk(IssuerKey).SecurityKey));
        Assert.False(Jws.Verify(jws, HolderPublicKey.FromJwk(HolderKey).SecurityKey));
    }

    [Fact]
    public void Issuance_example_processes_to_the_rfc_claims()
    {
        var compact = CompactSdJwt.Parse(Issuance, int.MaxValue, int.MaxValue);
        Assert.Equal(10, compact.Disclosures.Count);
        var jws = Jws.TryParse(compact.IssuerSignedJwt, out _)!;
        var claims = DisclosureProcessor.Process(jws.Payload, compact.Disclosures).Claims;
        Assert.Equal("John", (string?)claims["given_name"]);
        Assert.Equal("Doe", (string?)claims["family_name"]);
        Assert.Equal("johndoe@example.com", (string?)claims["email"]);
        Assert.Equal("+1-202-555-0101", (string?)claims["phone_number"]);
        Assert.True((bool)claims["phone_number_verified"]!);
        Assert.Equal("Anytown", (string?)claims["address"]!["locality"]);
        Assert.Equal("1940-01-01", (string?)claims["birthdate"]);
        Assert.Equal(1570000000, (long)claims["updated_at"]!);
        Assert.Equal(["US", "DE"], claims["nationalities"]!.AsArray().Select(n => (string)n!));
        Assert.False(claims.ContainsKey("_sd"));
        Assert.Equal("user_42", (string?)claims["sub"]);
    }

    [Fact]
    public void Key_bound_example_has_the_rfc_sd_hash_and_holder_signature()
    {
        var compact = CompactSdJwt.Parse(KeyBoundPresentation, int.MaxValue, int.MaxValue);
        var kb = Jws.TryParse(compact.KeyBindingJwt!, out _)!;
        Assert.Equal("kb+jwt", kb.Type);
        Assert.Equal("nYcOXyP43v9szKryn_k_4GkRr_j3STHhNSS-i1Duauo", (string?)kb.Payload["sd_hash"]);
        Assert.Equal((string?)kb.Payload["sd_hash"], Digests.OfAscii(compact.SdJwtWithoutKeyBinding));
        Assert.True(Jws.Verify(kb, HolderPublicKey.FromJwk(HolderKey).SecurityKey));

        var jws = Jws.TryParse(compact.IssuerSignedJwt, out _)!;
        Assert.True(Jws.Verify(jws, HolderPublicKey.FromJwk(IssuerKey).SecurityKey));
        var claims = DisclosureProcessor.Process(jws.Payload, compact.Disclosures).Claims;
        Assert.Equal(["US"], claims["nationalities"]!.AsArray().Select(n => (string)n!));
        Assert.False(claims.ContainsKey("email"));
        Assert.Equal(HolderPublicKey.FromJwk(HolderKey).Thumbprint, HolderPublicKey.FromJwk(claims["cnf"]!["jwk"]!.AsObject()).Thumbprint);
    }

    [Fact]
    public void Jwk_thumbprint_matches_rfc7638_example()
    {
        // RFC 7638 section 3.1 uses an RSA key; for EC the members are crv, kty, x, y in that order. Recompute by hand.
        var canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"TCAER19Zvu3OHF4j4W4vfSVoHIP1ILilDls7vCeGemc\",\"y\":\"ZxjiWWbZMQGHVWKVQ4hbSIirsVfuecCE6t4jT9F2HZQ\"}";
        var expected = Forge.B64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
        Assert.Equal(expected, HolderPublicKey.FromJwk(HolderKey).Thumbprint);
        Assert.Equal(expected, HolderPublicKey.ComputeThumbprint(HolderKey));
    }
}
