using FabricEvidence.Identity;
using FabricEvidence.Identity.Client;

namespace FabricEvidence.Verification.Portal.Identity;

/// <summary>
/// The reason codes the page states in words (<c>IdReason.{code}</c> in the strings): the ledger's results
/// (<see cref="VerificationResults"/>) and why a presentation was not recorded.
/// </summary>
internal static class IdentityReasons
{
    public const string WrongNonce = "wrong-nonce";
    public const string WrongAudience = "wrong-audience";
    public const string KeyBindingInvalid = "key-binding-invalid";
    public const string KeyBindingStale = "key-binding-stale";
    public const string InvalidSignature = "invalid-signature";
    public const string UntrustedIssuer = "untrusted-issuer";
    public const string AlteredDisclosure = "altered-disclosure";
    public const string Malformed = "malformed";
    public const string IssuerNotRegistered = "issuer-not-registered";
    public const string CredentialNotRecorded = "credential-not-recorded";
    public const string NoConsent = "no-consent";
    public const string Replayed = "replayed";
    public const string RefusedByLedger = "refused-by-ledger";
    public const string NonceExpired = "nonce-expired";
    public const string NonceUsed = "nonce-used";
    public const string LedgerUnavailable = "ledger-unavailable";

    public static string Of(PresentationRejectedException rejection) => rejection.Reason switch
    {
        PresentationRejectionReason.IssuerNotRegistered => IssuerNotRegistered,
        PresentationRejectionReason.CredentialNotRecorded => CredentialNotRecorded,
        _ => rejection.SdJwtCode switch
        {
            SdJwtErrorCode.NonceMismatch => WrongNonce,
            SdJwtErrorCode.AudienceMismatch => WrongAudience,
            SdJwtErrorCode.KeyBindingMissing or SdJwtErrorCode.KeyBindingInvalid => KeyBindingInvalid,
            SdJwtErrorCode.KeyBindingNotFresh => KeyBindingStale,
            SdJwtErrorCode.InvalidSignature => InvalidSignature,
            SdJwtErrorCode.UntrustedIssuer => UntrustedIssuer,
            SdJwtErrorCode.DisclosureMismatch or SdJwtErrorCode.DuplicateDigest or SdJwtErrorCode.DuplicateClaim => AlteredDisclosure,
            SdJwtErrorCode.Expired => VerificationResults.Expired,
            SdJwtErrorCode.NotYetValid => VerificationResults.NotYetValid,
            _ => Malformed,
        },
    };

    public static string Of(IdentityException refusal) => refusal switch
    {
        // No live consent for this verifier, purpose and claims; a consent id the ledger does not know is no consent either.
        IdentityForbiddenException or IdentityNotFoundException => NoConsent,
        IdentityConflictException => Replayed,
        _ => RefusedByLedger,
    };
}
