namespace FabricEvidence.Identity.Client;

/// <summary>
/// A presentation failed the verifier's own checks, so no verification was recorded. Failures the ledger decides
/// (suspended, revoked, expired on the ledger) are not exceptions: they are recorded results
/// (<see cref="VerificationOutcome.Result"/>); a refusal of the contract (no live consent, replayed nonce) is an
/// <see cref="IdentityException"/>.
/// </summary>
public sealed class PresentationRejectedException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="message">What failed, for people.</param>
    /// <param name="sdJwtCode">The SD-JWT check's code, for <see cref="PresentationRejectionReason.Credential"/>.</param>
    /// <param name="innerException">The failure it comes from, if any.</param>
    public PresentationRejectedException(PresentationRejectionReason reason, string message, SdJwtErrorCode? sdJwtCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        SdJwtCode = sdJwtCode;
    }

    /// <summary>Why the presentation was rejected.</summary>
    public PresentationRejectionReason Reason { get; }

    /// <summary>The SD-JWT check's code when <see cref="Reason"/> is <see cref="PresentationRejectionReason.Credential"/>.</summary>
    public SdJwtErrorCode? SdJwtCode { get; }
}
