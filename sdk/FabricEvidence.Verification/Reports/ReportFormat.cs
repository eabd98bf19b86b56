namespace FabricEvidence.Verification;

/// <summary>The formats a <see cref="VerificationReport"/> is written in.</summary>
public enum ReportFormat
{
    /// <summary>A self-contained HTML page with print styles (no scripts, no external resources).</summary>
    Html,

    /// <summary>A PDF document (A4) with the fonts it needs embedded.</summary>
    Pdf,

    /// <summary>JSON for machines: the same facts, culture-neutral (see the README for the shape).</summary>
    Json,
}
