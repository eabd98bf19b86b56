using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// Writes a report as an A4 PDF with PDFsharp: the same sections as the HTML report, each transaction of the custody
/// timeline as a block of labelled lines (eleven columns do not fit a portrait page legibly), the font embedded as a
/// subset, and "page n of m" on every page.
/// </summary>
internal static class PdfReportWriter
{
    private const double Margin = 42;
    private const double LabelWidth = 150;

    public static async Task WriteAsync(ReportModel model, string? fontPath, Stream destination, CancellationToken cancellationToken)
    {
        var face = ReportFonts.Register(fontPath);
        using var document = new PdfDocument();
        document.Info.Title = model.Text["Title"] + ": " + string.Join(", ", model.Items.Select(i => i.ItemId));
        document.Info.Creator = "FabricEvidence.Verification";
        document.Language = model.Text.Language;
        var layout = new Layout(document, face);
        try
        {
            Render(model, layout, cancellationToken);
        }
        finally
        {
            layout.Dispose();
        }

        var t = model.Text;
        for (var i = 0; i < document.PageCount; i++)
        {
            using var graphics = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var page = document.Pages[i];
            var footer = t.Format("Page", i + 1, document.PageCount);
            graphics.DrawString(t["Title"], layout.Small, XBrushes.DimGray, new XPoint(Margin, page.Height.Point - 24));
            var width = graphics.MeasureString(footer, layout.Small).Width;
            graphics.DrawString(footer, layout.Small, XBrushes.DimGray, new XPoint(page.Width.Point - Margin - width, page.Height.Point - 24));
        }

        var buffer = new MemoryStream();
        await document.SaveAsync(buffer, closeStream: false).ConfigureAwait(false);
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    private static void Render(ReportModel model, Layout layout, CancellationToken cancellationToken)
    {
        var t = model.Text;
        layout.Paragraph(t["Title"], layout.Title, XBrushes.Black, spaceAfter: 8);
        var colour = model.VerdictClass switch
        {
            "verified" => XColor.FromArgb(11, 93, 30),
            "incomplete" => XColor.FromArgb(138, 90, 0),
            _ => XColor.FromArgb(155, 28, 28),
        };
        layout.Box(t["Verdict"] + ": " + model.VerdictLabel, model.VerdictText, colour);
        foreach (var (label, value) in model.Facts)
        {
            layout.Field(label, value);
        }

        foreach (var item in model.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            layout.Heading(t["Item"] + ": " + item.ItemId);
            layout.Field(t["DigestAlgorithm"], item.Algorithm);
            layout.Field(t["RecordedDigest"], item.Recorded);
            layout.Field(t["ComputedDigest"], item.Computed);
            layout.Field(t["DigestComparison"], item.Comparison, item.Matches == false ? XBrushes.DarkRed : item.Matches == true ? new XSolidBrush(XColor.FromArgb(11, 93, 30)) : null);
            layout.Subheading(t["Timeline"]);
            var n = 0;
            foreach (var tx in item.Transactions)
            {
                layout.KeepTogether(11);
                layout.Paragraph($"{++n}. {tx.Step}", layout.Bold, XBrushes.Black, spaceAfter: 1);
                layout.Field(t["TransactionId"], tx.TransactionId);
                layout.Field(t["Block"], tx.BlockNumber);
                layout.Field(t["TimeUtc"], tx.TimeUtc);
                layout.Field(model.LocalTimeHeading, tx.TimeLocal);
                layout.Field(t["MspId"], tx.MspId);
                layout.Field(t["Subject"], tx.Subject);
                layout.Field(t["Role"], tx.Role);
                layout.Field(t["Endorsers"], tx.Endorsers);
                layout.Field(t["ValidationCode"], tx.ValidationCode);
                layout.Field(t["TransactionVerified"], tx.VerifiedText, tx.Verified ? null : XBrushes.DarkRed);
                layout.Space(5);
            }
        }

        layout.Heading(t["Checks"]);
        layout.Paragraph(model.ChecksSummary, layout.Body, XBrushes.Black, spaceAfter: 4);
        if (model.Failures.Count > 0)
        {
            layout.Subheading(t["FailedChecks"]);
            layout.Paragraph(t["CheckMessageNote"], layout.Small, XBrushes.DimGray, spaceAfter: 3);
            foreach (var failure in model.Failures)
            {
                layout.KeepTogether(3);
                layout.Field(t["CheckName"], failure.Check, XBrushes.DarkRed);
                layout.Field(t["CheckSubject"], failure.Subject);
                layout.Field(t["CheckMessage"], failure.Message);
                layout.Space(4);
            }
        }

        if (model.Organizations.Count > 0)
        {
            layout.Heading(t["TrustAnchors"]);
            foreach (var organization in model.Organizations)
            {
                layout.KeepTogether(2 + organization.Fingerprints.Count);
                layout.Field(t["Organization"], organization.MspId);
                foreach (var fingerprint in organization.Fingerprints)
                {
                    layout.Field(t["Fingerprint"], fingerprint);
                }

                layout.Field(t["TrustAnchors"], organization.Trust);
                layout.Space(4);
            }
        }

        layout.Space(8);
        layout.Paragraph(t["Method"], layout.Small, XBrushes.DimGray, spaceAfter: 0);
    }

    /// <summary>A cursor down the pages: wraps text to the width, starts a new page when the next line would not fit.</summary>
    private sealed class Layout : IDisposable
    {
        private readonly PdfDocument _document;
        private XGraphics? _graphics;
        private PdfPage? _page;
        private double _y;

        public Layout(PdfDocument document, string face)
        {
            _document = document;
            Title = new XFont(face, 17, XFontStyleEx.Bold);
            HeadingFont = new XFont(face, 13, XFontStyleEx.Bold);
            SubheadingFont = new XFont(face, 11, XFontStyleEx.Bold);
            Bold = new XFont(face, 9.5, XFontStyleEx.Bold);
            Body = new XFont(face, 9);
            Small = new XFont(face, 7.5);
            NewPage();
        }

        public XFont Title { get; }

        public XFont HeadingFont { get; }

        public XFont SubheadingFont { get; }

        public XFont Bold { get; }

        public XFont Body { get; }

        public XFont Small { get; }

        private double Width => _page!.Width.Point - (2 * Margin);

        private double Bottom => _page!.Height.Point - Margin - 14;

        private XGraphics Graphics => _graphics!;

        public void Heading(string text)
        {
            KeepTogether(4);
            Space(8);
            Paragraph(text, HeadingFont, XBrushes.Black, spaceAfter: 2);
            Graphics.DrawLine(new XPen(XColors.Black, 1), Margin, _y, Margin + Width, _y);
            _y += 5;
        }

        public void Subheading(string text)
        {
            KeepTogether(3);
            Space(4);
            Paragraph(text, SubheadingFont, XBrushes.Black, spaceAfter: 3);
        }

        public void Paragraph(string text, XFont font, XBrush brush, double spaceAfter)
        {
            foreach (var line in Wrap(text, font, Width))
            {
                Line(line, font, brush, Margin);
            }

            _y += spaceAfter;
        }

        public void Field(string label, string value, XBrush? valueBrush = null)
        {
            var labels = Wrap(label, Body, LabelWidth - 6);
            var values = Wrap(value.Length == 0 ? "–" : value, Body, Width - LabelWidth);
            var height = LineHeight(Body);
            for (var i = 0; i < Math.Max(labels.Count, values.Count); i++)
            {
                EnsureRoom(height);
                if (i < labels.Count)
                {
                    Graphics.DrawString(labels[i], Body, XBrushes.DimGray, new XRect(Margin, _y, LabelWidth, height), XStringFormats.TopLeft);
                }

                if (i < values.Count)
                {
                    Graphics.DrawString(values[i], Body, valueBrush ?? XBrushes.Black, new XRect(Margin + LabelWidth, _y, Width - LabelWidth, height), XStringFormats.TopLeft);
                }

                _y += height;
            }
        }

        public void Box(string heading, string text, XColor colour)
        {
            var lines = Wrap(text, Body, Width - 16);
            var height = LineHeight(HeadingFont) + (lines.Count * LineHeight(Body)) + 14;
            EnsureRoom(height);
            Graphics.DrawRectangle(new XPen(colour, 2.5), Margin, _y, Width, height);
            var brush = new XSolidBrush(colour);
            _y += 7;
            Graphics.DrawString(heading, HeadingFont, brush, new XRect(Margin + 8, _y, Width - 16, LineHeight(HeadingFont)), XStringFormats.TopLeft);
            _y += LineHeight(HeadingFont);
            foreach (var line in lines)
            {
                Graphics.DrawString(line, Body, XBrushes.Black, new XRect(Margin + 8, _y, Width - 16, LineHeight(Body)), XStringFormats.TopLeft);
                _y += LineHeight(Body);
            }

            _y += 7 + 8;
        }

        public void Space(double points) => _y += points;

        public void KeepTogether(int lines) => EnsureRoom(lines * LineHeight(Body));

        public void Dispose() => _graphics?.Dispose();

        private static double LineHeight(XFont font) => font.Size * 1.45;

        private void Line(string text, XFont font, XBrush brush, double x)
        {
            var height = LineHeight(font);
            EnsureRoom(height);
            Graphics.DrawString(text, font, brush, new XRect(x, _y, Width, height), XStringFormats.TopLeft);
            _y += height;
        }

        private void EnsureRoom(double height)
        {
            if (_y + height > Bottom)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = _document.AddPage();
            _page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        /// <summary>Breaks text into lines that fit: at spaces where there are any, anywhere in CJK text and long hexadecimal.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Split('\n'))
            {
                if (Graphics.MeasureString(paragraph, font).Width <= width)
                {
                    lines.Add(paragraph);
                    continue;
                }

                var current = new System.Text.StringBuilder();
                foreach (var c in paragraph)
                {
                    current.Append(c);
                    if (current.Length > 1 && Graphics.MeasureString(current.ToString(), font).Width > width)
                    {
                        var s = current.ToString();
                        var space = s.LastIndexOf(' ', s.Length - 2);
                        if (space > 0)
                        {
                            lines.Add(s[..space]);
                            current.Clear().Append(s[(space + 1)..]);
                        }
                        else
                        {
                            lines.Add(s[..^1]);
                            current.Clear().Append(c);
                        }
                    }
                }

                if (current.Length > 0)
                {
                    lines.Add(current.ToString());
                }
            }

            return lines;
        }
    }
}
