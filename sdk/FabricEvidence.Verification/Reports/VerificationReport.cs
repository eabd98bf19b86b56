using FabricEvidence.Verification.Internal;

namespace FabricEvidence.Verification;

/// <summary>
/// A verification report: the facts of a <see cref="BundleVerificationResult"/> (for each transaction of each item its
/// id, block, time, creator, endorsing organisations and validation code; the recorded and recomputed digests; the
/// failed checks; the verdict), laid out for a court in English or Simplified Chinese with dates in UTC and in a
/// stated time zone, and written as HTML, PDF or JSON.
/// </summary>
/// <example>
/// <code>
/// var result = await new BundleVerifier().VerifyAsync(bundle, File.OpenRead("disk.img"), ct);
/// var report = VerificationReport.Create(result, new VerificationReportOptions { Culture = "zh-CN" });
/// await using var pdf = File.Create("report.pdf");
/// await report.WriteAsync(pdf, ReportFormat.Pdf, ct);
/// </code>
/// </example>
public sealed class VerificationReport
{
    private VerificationReport(BundleVerificationResult result, VerificationReportOptions options, TimeZoneInfo timeZone, DateTimeOffset generatedAt)
    {
        Result = result;
        Options = options;
        TimeZone = timeZone;
        GeneratedAt = generatedAt;
    }

    /// <summary>The verification the report states.</summary>
    public BundleVerificationResult Result { get; }

    /// <summary>The options it is written with (a copy: later changes to the caller's instance do not apply).</summary>
    public VerificationReportOptions Options { get; }

    /// <summary>The time zone dates are stated in besides UTC.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>When the report was generated.</summary>
    public DateTimeOffset GeneratedAt { get; }

    /// <summary>Creates a report of <paramref name="result"/>.</summary>
    /// <param name="result">The verification.</param>
    /// <param name="options">Language, time zone, identities; defaults by default.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The time zone is unknown.</exception>
    public static VerificationReport Create(BundleVerificationResult result, VerificationReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        options ??= new VerificationReportOptions();
        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"VerificationReportOptions.TimeZone '{options.TimeZone}' is not a time zone this machine knows (use an IANA id such as Asia/Shanghai).", nameof(options), e);
        }

        var copy = new VerificationReportOptions
        {
            Culture = options.Culture,
            TimeZone = options.TimeZone,
            IncludeIdentities = options.IncludeIdentities,
            GeneratedAt = options.GeneratedAt,
            PdfFontPath = options.PdfFontPath,
        };
        return new VerificationReport(result, copy, zone, options.GeneratedAt ?? DateTimeOffset.UtcNow);
    }

    /// <summary>Writes the report.</summary>
    /// <param name="destination">Where to write; not disposed.</param>
    /// <param name="format">The format.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    /// <returns>A task that completes when the report is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> is null.</exception>
    /// <exception cref="ReportFontNotFoundException">A PDF is asked for and there is no font with Chinese glyphs.</exception>
    public async Task WriteAsync(Stream destination, ReportFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var model = ReportModel.From(this);
        switch (format)
        {
            case ReportFormat.Html:
                await HtmlReportWriter.WriteAsync(model, destination, cancellationToken).ConfigureAwait(false);
                break;
            case ReportFormat.Pdf:
                await PdfReportWriter.WriteAsync(model, Options.PdfFontPath, destination, cancellationToken).ConfigureAwait(false);
                break;
            case ReportFormat.Json:
                await JsonReportWriter.WriteAsync(model, destination, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format.");
        }
    }

    /// <summary>
    /// The styles an HTML page needs to show <see cref="ToHtmlFragment"/> as the report does (screen and print; every
    /// selector is under <c>.fe-report</c> or <c>.fe-verdict</c>).
    /// </summary>
    public static string HtmlStyleSheet => HtmlReportWriter.StyleSheet;

    /// <summary>
    /// The report's content as an HTML fragment (one <c>article</c> element, no scripts) to embed in a page of one's
    /// own, e.g. the verification portal, so that the page and the downloaded report state the same facts in the same words.
    /// </summary>
    /// <param name="headingLevel">The level of the report's title heading, 1 to 4; its sections are one level below. Defaults to 2.</param>
    /// <returns>The markup, every value HTML-encoded.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="headingLevel"/> is not 1 to 4.</exception>
    public string ToHtmlFragment(int headingLevel = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(headingLevel, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(headingLevel, 4);
        return HtmlReportWriter.Fragment(ReportModel.From(this), headingLevel);
    }

    /// <summary>The media type of a format (<c>text/html; charset=utf-8</c>, <c>application/pdf</c>, <c>application/json</c>).</summary>
    /// <param name="format">The format.</param>
    /// <returns>The media type.</returns>
    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Html => "text/html; charset=utf-8",
        ReportFormat.Pdf => "application/pdf",
        ReportFormat.Json => "application/json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };

    /// <summary>The file extension of a format, with its dot.</summary>
    /// <param name="format">The format.</param>
    /// <returns>The extension.</returns>
    public static string FileExtension(ReportFormat format) => format switch
    {
        ReportFormat.Html => ".html",
        ReportFormat.Pdf => ".pdf",
        ReportFormat.Json => ".json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format."),
    };
}
