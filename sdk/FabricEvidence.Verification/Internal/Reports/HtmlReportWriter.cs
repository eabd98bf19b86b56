using System.Net;
using System.Text;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// Writes a report as one self-contained HTML page: no scripts, no external resources (a court may open it offline
/// years later), semantic tables with header cells, a verdict stated in words as well as colour, and print styles.
/// </summary>
internal static class HtmlReportWriter
{
    /// <summary>The styles of the report (screen and print); class names are those the fragment writes.</summary>
    public const string StyleSheet = """
        .fe-report { font-family: "Noto Sans", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", Arial, sans-serif; color: #1a1a1a; line-height: 1.5; max-width: 70rem; }
        .fe-report h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
        .fe-report h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 2px solid #1a1a1a; }
        .fe-report h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
        .fe-report table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
        .fe-report th, .fe-report td { border: 1px solid #6b6b6b; padding: .3rem .45rem; text-align: left; vertical-align: top; }
        .fe-report th { background: #ececec; }
        .fe-report .mono { font-family: "DejaVu Sans Mono", Consolas, monospace; overflow-wrap: anywhere; font-size: .85em; }
        .fe-verdict { border: 3px solid; padding: .75rem 1rem; margin: 1rem 0; }
        .fe-verdict strong { font-size: 1.35rem; display: block; }
        .fe-verdict.verified { border-color: #0b5d1e; background: #e7f4ea; color: #0b3d16; }
        .fe-verdict.not-verified { border-color: #9b1c1c; background: #fdecec; color: #6b0f0f; }
        .fe-verdict.incomplete { border-color: #8a5a00; background: #fff5dc; color: #5a3b00; }
        .fe-report .ok { color: #0b5d1e; font-weight: bold; }
        .fe-report .bad { color: #9b1c1c; font-weight: bold; }
        .fe-report .note { font-size: .85rem; color: #3d3d3d; }
        @media print {
          @page { size: A4; margin: 15mm 12mm; }
          .fe-report { max-width: none; font-size: 10pt; }
          .fe-report tr, .fe-verdict { break-inside: avoid; }
          .fe-report h2, .fe-report h3 { break-after: avoid; }
          .fe-verdict { background: none !important; }
        }
        """;

    public static async Task WriteAsync(ReportModel model, Stream destination, CancellationToken cancellationToken)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(model.Text.Language).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
            .Append(E(model.Text["Title"] + ": " + string.Join(", ", model.Items.Select(i => i.ItemId)))).Append("</title>\n<style>\n")
            .Append("body { margin: 1.5rem; background: #fff; }\n").Append(StyleSheet).Append("\n</style>\n</head>\n<body>\n<main>\n");
        Fragment(model, html, headingLevel: 1);
        html.Append("</main>\n</body>\n</html>\n");
        var bytes = Encoding.UTF8.GetBytes(html.ToString());
        await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    public static string Fragment(ReportModel model, int headingLevel)
    {
        var html = new StringBuilder(16 * 1024);
        Fragment(model, html, headingLevel);
        return html.ToString();
    }

    private static void Fragment(ReportModel model, StringBuilder html, int headingLevel)
    {
        var t = model.Text;
        var h1 = "h" + headingLevel;
        var h2 = "h" + (headingLevel + 1);
        var h3 = "h" + (headingLevel + 2);
        html.Append("<article class=\"fe-report\" lang=\"").Append(t.Language).Append("\">\n");
        html.Append('<').Append(h1).Append('>').Append(E(t["Title"])).Append("</").Append(h1).Append(">\n");
        html.Append("<section class=\"fe-verdict ").Append(model.VerdictClass).Append("\" role=\"status\" aria-label=\"").Append(E(t["Verdict"])).Append("\">")
            .Append("<strong data-verdict=\"").Append(model.VerdictClass).Append("\">").Append(E(t["Verdict"])).Append(": ").Append(E(model.VerdictLabel)).Append("</strong>")
            .Append(E(model.VerdictText)).Append("</section>\n");
        html.Append("<table class=\"fe-facts\">\n");
        foreach (var (label, value) in model.Facts)
        {
            html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td").Append(value.Length >= 40 ? " class=\"mono\"" : string.Empty).Append('>').Append(E(value)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        foreach (var item in model.Items)
        {
            html.Append("<section class=\"fe-item\" data-item=\"").Append(E(item.ItemId)).Append("\">\n<").Append(h2).Append('>').Append(E(t["Item"])).Append(": ").Append(E(item.ItemId)).Append("</").Append(h2).Append(">\n");
            html.Append("<table class=\"fe-digests\">\n<tr><th scope=\"row\">").Append(E(t["DigestAlgorithm"])).Append("</th><td>").Append(E(item.Algorithm)).Append("</td></tr>\n")
                .Append("<tr><th scope=\"row\">").Append(E(t["RecordedDigest"])).Append("</th><td class=\"mono\" data-field=\"recorded-digest\">").Append(E(item.Recorded)).Append("</td></tr>\n")
                .Append("<tr><th scope=\"row\">").Append(E(t["ComputedDigest"])).Append("</th><td class=\"mono\" data-field=\"computed-digest\">").Append(E(item.Computed)).Append("</td></tr>\n")
                .Append("<tr><th scope=\"row\">").Append(E(t["DigestComparison"])).Append("</th><td class=\"").Append(item.Matches switch { true => "ok", false => "bad", null => string.Empty })
                .Append("\" data-field=\"digest-comparison\">").Append(E(item.Comparison)).Append("</td></tr>\n</table>\n");
            html.Append('<').Append(h3).Append('>').Append(E(t["Timeline"])).Append("</").Append(h3).Append(">\n<table class=\"fe-timeline\">\n<thead><tr>");
            foreach (var heading in new[] { t["Step"], t["TransactionId"], t["Block"], t["TimeUtc"], model.LocalTimeHeading, t["MspId"], t["Subject"], t["Role"], t["Endorsers"], t["ValidationCode"], t["TransactionVerified"] })
            {
                html.Append("<th scope=\"col\">").Append(E(heading)).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var tx in item.Transactions)
            {
                html.Append("<tr data-tx=\"").Append(E(tx.TransactionId)).Append("\"><td>").Append(E(tx.Step)).Append("</td><td class=\"mono\">").Append(E(tx.TransactionId))
                    .Append("</td><td>").Append(E(tx.BlockNumber)).Append("</td><td>").Append(E(tx.TimeUtc)).Append("</td><td>").Append(E(tx.TimeLocal))
                    .Append("</td><td>").Append(E(tx.MspId)).Append("</td><td>").Append(E(tx.Subject)).Append("</td><td>").Append(E(tx.Role))
                    .Append("</td><td>").Append(E(tx.Endorsers)).Append("</td><td>").Append(E(tx.ValidationCode)).Append("</td><td class=\"").Append(tx.Verified ? "ok" : "bad").Append("\">")
                    .Append(E(tx.VerifiedText)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }

        html.Append("<section class=\"fe-checks\">\n<").Append(h2).Append('>').Append(E(t["Checks"])).Append("</").Append(h2).Append(">\n<p>").Append(E(model.ChecksSummary)).Append("</p>\n");
        if (model.Failures.Count > 0)
        {
            html.Append('<').Append(h3).Append('>').Append(E(t["FailedChecks"])).Append("</").Append(h3).Append(">\n<p class=\"note\">").Append(E(t["CheckMessageNote"])).Append("</p>\n<table class=\"fe-failures\">\n<thead><tr><th scope=\"col\">")
                .Append(E(t["CheckName"])).Append("</th><th scope=\"col\">").Append(E(t["CheckSubject"])).Append("</th><th scope=\"col\">").Append(E(t["CheckMessage"])).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var failure in model.Failures)
            {
                html.Append("<tr><td>").Append(E(failure.Check)).Append("</td><td>").Append(E(failure.Subject)).Append("</td><td lang=\"en\">").Append(E(failure.Message)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
        if (model.Organizations.Count > 0)
        {
            html.Append("<section class=\"fe-anchors\">\n<").Append(h2).Append('>').Append(E(t["TrustAnchors"])).Append("</").Append(h2).Append(">\n<table>\n<thead><tr><th scope=\"col\">")
                .Append(E(t["Organization"])).Append("</th><th scope=\"col\">").Append(E(t["Fingerprint"])).Append("</th><th scope=\"col\">").Append(E(t["TrustAnchors"])).Append("</th></tr></thead>\n<tbody>\n");
            foreach (var organization in model.Organizations)
            {
                html.Append("<tr><td>").Append(E(organization.MspId)).Append("</td><td class=\"mono\">").Append(string.Join("<br>", organization.Fingerprints.Select(E)))
                    .Append("</td><td>").Append(E(organization.Trust)).Append("</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n</section>\n");
        }

        html.Append("<p class=\"note\">").Append(E(t["Method"])).Append("</p>\n</article>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
