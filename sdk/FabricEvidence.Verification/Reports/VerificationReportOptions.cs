namespace FabricEvidence.Verification;

/// <summary>How a <see cref="VerificationReport"/> is written: language, time zone and what it may show.</summary>
public sealed class VerificationReportOptions
{
    /// <summary>
    /// The language: <c>en</c> or <c>zh-CN</c> (Simplified Chinese); other cultures fall back to English.
    /// Defaults to <c>en</c>.
    /// </summary>
    public string Culture { get; set; } = "en";

    /// <summary>
    /// The time zone every date is also stated in, next to UTC, as an IANA id (e.g. <c>Asia/Shanghai</c>,
    /// <c>Europe/Berlin</c>). Defaults to <c>Asia/Shanghai</c>.
    /// </summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// Whether certificate subjects (names of people and their units) are shown. Without it they are replaced by a
    /// note that they are withheld; MSP ids and roles are always shown. Defaults to <see langword="true"/>.
    /// </summary>
    public bool IncludeIdentities { get; set; } = true;

    /// <summary>The time the report states it was generated. Defaults to <see langword="null"/>: the current time.</summary>
    public DateTimeOffset? GeneratedAt { get; set; }

    /// <summary>
    /// A TrueType font file (<c>.ttf</c>, or <c>.ttc</c> whose first face is used) with Latin and Chinese glyphs for PDF.
    /// Defaults to <see langword="null"/>: one is looked for among the installed fonts (WenQuanYi, Droid Sans Fallback, Noto
    /// Sans SC/CJK TrueType), and <see cref="ReportFontNotFoundException"/> is thrown when there is none.
    /// </summary>
    public string? PdfFontPath { get; set; }
}
