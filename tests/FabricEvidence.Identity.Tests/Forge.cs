using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace FabricEvidence.Identity.Tests;

/// <summary>Builds JWS and SD-JWT pieces by hand, so refusal tests can make exactly the defect they test.</summary>
public static class Forge
{
    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string B64(string text) => B64(Encoding.UTF8.GetBytes(text));

    public static byte[] Unb64(string text) => Convert.FromBase64String(IssuanceAndPresentationTests.Pad(text));

    public static string Digest(string ascii) => B64(SHA256.HashData(Encoding.ASCII.GetBytes(ascii)));

    public static JsonObject Header(string jws) => JsonNode.Parse(Unb64(jws.Split('.')[0]))!.AsObject();

    public static JsonObject Payload(string jws) => JsonNode.Parse(Unb64(jws.Split('.')[1]))!.AsObject();

    /// <summary>Signs header and payload text as given (so duplicates or odd JSON survive) with ES256 (R || S).</summary>
    public static string SignText(ECDsa key, string headerJson, string payloadJson)
    {
        var input = B64(headerJson) + "." + B64(payloadJson);
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + B64(signature);
    }

    public static string Sign(ECDsa key, JsonObject header, JsonObject payload) => SignText(key, header.ToJsonString(), payload.ToJsonString());

    public static ECDsa Key(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return key;
    }

    public static JsonArray X5c(string certificatesPem)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPem(certificatesPem);
        return new JsonArray(certificates.Select(c => (JsonNode?)Convert.ToBase64String(c.RawData)).ToArray());
    }

    public static JsonObject IssuerHeader(TestPki pki, string typ = "dc+sd-jwt") => new()
    {
        ["alg"] = "ES256",
        ["typ"] = typ,
        ["x5c"] = X5c(pki.IssuerCertificatePem),
    };

    /// <summary>An SD-JWT over <paramref name="payload"/> signed with the trusted issuer's key, with the given disclosures.</summary>
    public static string IssuerSigned(TestPki pki, JsonObject payload, params string[] disclosures)
    {
        using var key = Key(pki.IssuerKeyPem);
        return Sign(key, IssuerHeader(pki), payload) + "~" + string.Concat(disclosures.Select(d => d + "~"));
    }

    public static string Disclosure(string salt, string name, JsonNode? value) =>
        B64(new JsonArray(salt, name, value).ToJsonString());

    public static string ElementDisclosure(string salt, JsonNode? value) => B64(new JsonArray(salt, value).ToJsonString());

    /// <summary>A key binding JWT over <paramref name="withoutKeyBinding"/>, with the fields the test wants.</summary>
    public static string KeyBinding(ECDsa holderKey, string withoutKeyBinding, Action<JsonObject, JsonObject>? change = null, long? iat = null, string aud = Scenario.Audience, string nonce = "n-0S6_WzA2Mj")
    {
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "kb+jwt" };
        var payload = new JsonObject
        {
            ["iat"] = iat ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["aud"] = aud,
            ["nonce"] = nonce,
            ["sd_hash"] = Digest(withoutKeyBinding),
        };
        change?.Invoke(header, payload);
        return Sign(holderKey, header, payload);
    }

    public static ECDsa Private(HolderKey key)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(key.ExportPkcs8(), out _);
        return ecdsa;
    }

    public static JsonObject MinimalPayload(HolderKey holder, DateTimeOffset now) => new()
    {
        ["iss"] = Scenario.IssuerId,
        ["iat"] = now.ToUnixTimeSeconds(),
        ["vct"] = Scenario.Vct,
        ["cnf"] = new JsonObject { ["jwk"] = holder.PublicKey.ToJwk() },
        ["_sd_alg"] = "sha-256",
    };
}
