namespace FabricEvidence.Identity.Client;

/// <summary>The results a verification record holds, decided by the contract from the ledger at the recording transaction's time.</summary>
public static class VerificationResults
{
    /// <summary>Authentic, within its validity, status valid, issuer registered.</summary>
    public const string Passed = "passed";

    /// <summary>The credential is suspended.</summary>
    public const string Suspended = "suspended";

    /// <summary>The credential is revoked.</summary>
    public const string Revoked = "revoked";

    /// <summary>The credential's validity ended.</summary>
    public const string Expired = "expired";

    /// <summary>The credential's validity has not begun.</summary>
    public const string NotYetValid = "not-yet-valid";

    /// <summary>The issuer was removed from the registry.</summary>
    public const string IssuerRemoved = "issuer-removed";
}
