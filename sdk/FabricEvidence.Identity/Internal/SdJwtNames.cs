namespace FabricEvidence.Identity.Internal;

/// <summary>Names fixed by RFC 9901, the SD-JWT VC draft and the Token Status List draft.</summary>
internal static class SdJwtNames
{
    public const string Digests = "_sd";
    public const string DigestAlgorithm = "_sd_alg";
    public const string ArrayDigest = "...";
    public const string Issuer = "iss";
    public const string IssuedAt = "iat";
    public const string NotBefore = "nbf";
    public const string Expires = "exp";
    public const string Confirmation = "cnf";
    public const string Jwk = "jwk";
    public const string Vct = "vct";
    public const string Status = "status";
    public const string StatusList = "status_list";
    public const string Index = "idx";
    public const string Uri = "uri";
    public const string Audience = "aud";
    public const string Nonce = "nonce";
    public const string SdHash = "sd_hash";
    public const string Subject = "sub";
    public const string TimeToLive = "ttl";
    public const string Bits = "bits";
    public const string List = "lst";

    public const string CredentialType = "dc+sd-jwt";
    public const string LegacyCredentialType = "vc+sd-jwt";
    public const string KeyBindingType = "kb+jwt";
    public const string StatusListType = "statuslist+jwt";

    /// <summary>Claims the issuer always sets in the clear: the SD-JWT VC draft forbids making them selectively disclosable.</summary>
    public static readonly IReadOnlySet<string> Registered = new HashSet<string>(StringComparer.Ordinal)
    {
        Issuer, IssuedAt, NotBefore, Expires, Confirmation, Vct, Status, Digests, DigestAlgorithm,
    };
}
