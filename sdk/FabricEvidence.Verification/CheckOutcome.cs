namespace FabricEvidence.Verification;

/// <summary>The outcome of one verification check.</summary>
public enum CheckOutcome
{
    /// <summary>The check was made and what it checks holds.</summary>
    Passed,

    /// <summary>The check was made and what it checks does not hold; <see cref="VerificationCheck.Message"/> says what.</summary>
    Failed,

    /// <summary>The check was not made (for example, no file was given); <see cref="VerificationCheck.Message"/> says why.</summary>
    Skipped,
}
