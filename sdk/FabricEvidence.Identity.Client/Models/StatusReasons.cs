namespace FabricEvidence.Identity.Client;

/// <summary>The reason codes the contract accepts for status changes: codes, never free text, so no personal detail reaches the ledger with a reason.</summary>
public static class StatusReasons
{
    /// <summary>The holder asked for it.</summary>
    public const string HolderRequest = "holder-request";

    /// <summary>The attested facts changed.</summary>
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
}
