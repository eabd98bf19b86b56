namespace FabricEvidence.Identity;

/// <summary>
/// Why a credential, presentation or status list token was refused. The numeric values are stable: they may be stored,
/// logged and sent between services, and new codes are only ever added.
/// </summary>
public enum SdJwtErrorCode
{
    /// <summary>Not a well-formed SD-JWT, JWS, disclosure or status list (structure, encoding, JSON, claim types).</summary>
    Malformed = 1,

    /// <summary>Larger than the configured limits (length, disclosures, certificates, list size).</summary>
    TooLarge = 2,

    /// <summary>The JWS algorithm is not ES256 (including <c>none</c>), or <c>_sd_alg</c> is not <c>sha-256</c>.</summary>
    UnsupportedAlgorithm = 3,

    /// <summary>The <c>typ</c> header is not one this verifier accepts.</summary>
    UnsupportedType = 4,

    /// <summary>The signature does not verify with the key it should have been made with.</summary>
    InvalidSignature = 5,

    /// <summary>The signer's certificate chain (<c>x5c</c>) is missing, invalid, expired, or does not lead to a trust anchor.</summary>
    UntrustedIssuer = 6,

    /// <summary>A disclosure is not referenced by any digest in the issuer-signed JWT (altered or foreign).</summary>
    DisclosureMismatch = 7,

    /// <summary>A digest or a disclosure appears more than once.</summary>
    DuplicateDigest = 8,

    /// <summary>A disclosed claim name already exists at its level, or uses a reserved name (<c>_sd</c>, <c>...</c>).</summary>
    DuplicateClaim = 9,

    /// <summary>A claim the credential type requires (<c>vct</c>, <c>cnf</c>, ...) is missing or has the wrong type.</summary>
    MissingClaim = 10,

    /// <summary>The credential's <c>exp</c> has passed (beyond the allowed clock skew).</summary>
    Expired = 11,

    /// <summary>The credential's <c>nbf</c> or <c>iat</c> lies in the future (beyond the allowed clock skew).</summary>
    NotYetValid = 12,

    /// <summary>A key binding JWT was required but the presentation has none.</summary>
    KeyBindingMissing = 13,

    /// <summary>The key binding JWT is malformed, not signed by the <c>cnf</c> key, or its <c>sd_hash</c> does not match.</summary>
    KeyBindingInvalid = 14,

    /// <summary>The key binding JWT's <c>nonce</c> is not the one the verifier issued.</summary>
    NonceMismatch = 15,

    /// <summary>The key binding JWT's <c>aud</c> is not this verifier.</summary>
    AudienceMismatch = 16,

    /// <summary>The key binding JWT's <c>iat</c> is outside the freshness window.</summary>
    KeyBindingNotFresh = 17,

    /// <summary>The status list token is not for this credential's list (<c>sub</c>, signer) or lacks a required claim.</summary>
    StatusListMismatch = 18,

    /// <summary>The credential's status index is outside the status list.</summary>
    StatusIndexOutOfRange = 19,

    /// <summary>The status list marks the credential invalid (revoked).</summary>
    Revoked = 20,

    /// <summary>The status list marks the credential suspended.</summary>
    Suspended = 21,

    /// <summary>The status list holds a value other than valid, invalid or suspended for the credential.</summary>
    StatusNotValid = 22,

    /// <summary>The status list token's <c>exp</c> has passed, or its <c>ttl</c> says it must be fetched again.</summary>
    StatusListExpired = 23,
}
