namespace FabricEvidence.Identity.Contract;

/// <summary>
/// The reason codes of status changes: codes, never free text, so that no personal detail can slip into the ledger
/// with a reason.
/// </summary>
public static class StatusReasonCodes
{
    /// <summary>The holder asked for it.</summary>
    public const string HolderRequest = "holder-request";

    /// <summary>The attested facts changed (moved, married, ...).</summary>
    public const string FactsChanged = "facts-changed";

    /// <summary>The credential was issued in error.</summary>
    public const string IssuedInError = "issued-in-error";

    /// <summary>A new credential replaces it.</summary>
    public const string Superseded = "superseded";

    /// <summary>The holder key may be in other hands.</summary>
    public const string KeyCompromise = "key-compromise";

    /// <summary>The facts are being checked (suspension).</summary>
    public const string UnderInvestigation = "under-investigation";

    /// <summary>The check found nothing wrong (reinstatement).</summary>
    public const string InvestigationCleared = "investigation-cleared";

    /// <summary>A court or authority ordered it.</summary>
    public const string LegalOrder = "legal-order";

    /// <summary>Every code, sorted.</summary>
    public static readonly IReadOnlyList<string> All =
        [FactsChanged, HolderRequest, InvestigationCleared, IssuedInError, KeyCompromise, LegalOrder, Superseded, UnderInvestigation];
}
