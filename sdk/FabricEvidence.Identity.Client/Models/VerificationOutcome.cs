namespace FabricEvidence.Identity.Client;

/// <summary>A verified and recorded presentation.</summary>
/// <param name="Record">The ledger's record of the verification; its <see cref="VerificationRecord.Result"/> is the ledger's verdict.</param>
/// <param name="Presentation">What the cryptographic checks established, with the disclosed claims (for the verifier only).</param>
/// <param name="Credential">The credential's record as read before recording.</param>
public sealed record VerificationOutcome(VerificationRecord Record, VerifiedPresentation Presentation, CredentialRecord Credential)
{
    /// <summary>Whether the ledger's verdict is <see cref="VerificationResults.Passed"/>.</summary>
    public bool Passed => Record.Passed;

    /// <summary>The ledger's verdict, one of <see cref="VerificationResults"/>.</summary>
    public string Result => Record.Result;
}
