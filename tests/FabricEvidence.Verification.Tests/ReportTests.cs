using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace FabricEvidence.Verification.Tests;

/// <summary>
/// Reports of the real Fabric 2.5.12 fixture (five transactions of one item, blocks 4 to 8), compared with what is
/// known of those transactions: ids from the capture, blocks, roles and organisations as the peers recorded them.
/// </summary>
public sealed class ReportTests
{
    // In ledger order (item.json lists the history first, then the access record).
    private static readonly string[] KnownTransactionIds =
    [
        "e2ef9d08367c93a96dfb0ce617197378abab911d18544c8ee1fab350ad141777",
        "d71377216b7287abebb293a25a23d305201693e524dadef19edd7c6f2c1c7420",
        "add49762ed6f245b68b82ff2a3ead12b26a30829975e1fa731b579f284528086",
        "46aed418e4721b921e4c1f13807b6650fdcfdadb6e51b2fcbf5b1954a684addb",
        "4edcbef0b1b2b2abba660f626d46a721eaf8a47b948dae633d06a18fcf0b1773",
    ];

    private static readonly DateTimeOffset GeneratedAt = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_english_html_report_lists_every_known_transaction_with_block_time_creator_endorsers_and_code()
    {
        var (result, _) = await VerifiedRealAsync();
        var document = await ParseAsync(await RenderAsync(result, ReportFormat.Html, new VerificationReportOptions { GeneratedAt = GeneratedAt }));

        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("verified", document.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
        Assert.Contains("VERIFIED", document.QuerySelector(".fe-verdict")!.TextContent, StringComparison.Ordinal);
        var rows = document.QuerySelectorAll("tr[data-tx]").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(KnownTransactionIds, rows.Select(r => r[1]));
        Assert.Equal(["4", "5", "6", "7", "8"], rows.Select(r => r[2]));
        Assert.Equal(["Evidence submitted", "Storage confirmed", "Access recorded", "Transfer offered", "Transfer accepted"], rows.Select(r => r[0]));
        Assert.Equal(["Org1MSP", "Org2MSP", "Org1MSP", "Org1MSP", "Org2MSP"], rows.Select(r => r[5]));
        Assert.Equal(["Investigator", "Storage service", "Custodian", "Custodian", "Custodian"], rows.Select(r => r[7]));
        Assert.All(rows, r => Assert.Equal("Org1MSP, Org2MSP", r[8]));
        Assert.All(rows, r => Assert.Equal("VALID", r[9]));
        for (var i = 0; i < rows.Count; i++)
        {
            var tx = result.Transactions[i];
            Assert.Equal(tx.Timestamp.ToString(), rows[i][3]);
            Assert.Equal(tx.Creator!.Subject, rows[i][6]);
            Assert.StartsWith(TimeZoneInfo.ConvertTime(tx.Timestamp.ToDateTimeOffset(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), rows[i][4], StringComparison.Ordinal);
            Assert.EndsWith("UTC+08:00", rows[i][4], StringComparison.Ordinal);
        }

        var recorded = document.QuerySelector("[data-field=recorded-digest]")!.TextContent;
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-network-2.5.12", "evidence-file.bin")))), recorded);
        Assert.Equal(recorded, document.QuerySelector("[data-field=computed-digest]")!.TextContent);
        Assert.Null(document.QuerySelector(".fe-failures"));
        Assert.Empty(document.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task The_chinese_html_report_uses_chinese_terms_and_states_the_time_zone()
    {
        var (result, _) = await VerifiedRealAsync();
        var document = await ParseAsync(await RenderAsync(result, ReportFormat.Html, new VerificationReportOptions { Culture = "zh-CN", TimeZone = "Asia/Shanghai", GeneratedAt = GeneratedAt }));

        Assert.Equal("zh-CN", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("电子证据核验报告", document.QuerySelector("h1")!.TextContent);
        Assert.Contains("核验通过", document.QuerySelector(".fe-verdict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["证据提交", "存储确认", "查阅记录", "发起移交", "接收移交"], document.QuerySelectorAll("tr[data-tx] td:first-child").Select(c => c.TextContent));
        Assert.Contains(document.QuerySelectorAll(".fe-timeline th"), th => th.TextContent == "时间（Asia/Shanghai）");
        Assert.Equal("摘要值一致", document.QuerySelector("[data-field=digest-comparison]")!.TextContent);
        Assert.Contains(document.QuerySelectorAll(".fe-facts td"), td => td.TextContent == "Asia/Shanghai (UTC+08:00)");
        Assert.Contains(document.QuerySelectorAll(".fe-facts td"), td => td.TextContent == "2026-12-04 06:00:00 UTC / 2026-12-04 14:00:00 UTC+08:00");
    }

    [Fact]
    public async Task A_report_of_a_changed_file_says_not_verified_and_shows_both_digests_and_the_failed_check()
    {
        var (result, _) = await VerifiedRealAsync(changeFileByte: true);

        var document = await ParseAsync(await RenderAsync(result, ReportFormat.Html, new VerificationReportOptions { Culture = "zh-CN" }));
        Assert.Equal("not-verified", document.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
        Assert.Contains("核验未通过", document.QuerySelector(".fe-verdict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("摘要值不一致", document.QuerySelector("[data-field=digest-comparison]")!.TextContent);
        Assert.NotEqual(document.QuerySelector("[data-field=recorded-digest]")!.TextContent, document.QuerySelector("[data-field=computed-digest]")!.TextContent);
        Assert.Equal("文件摘要值", document.QuerySelector(".fe-failures td")!.TextContent);

        using var json = JsonDocument.Parse(await RenderAsync(result, ReportFormat.Json));
        Assert.Equal("not-verified", json.RootElement.GetProperty("verdict").GetString());
        Assert.False(json.RootElement.GetProperty("items")[0].GetProperty("fileMatches").GetBoolean());
        Assert.Equal(VerificationCheckNames.FileDigest, json.RootElement.GetProperty("failures").EnumerateArray().Single().GetProperty("check").GetString());
    }

    [Fact]
    public async Task The_json_report_holds_the_known_transactions_with_nanosecond_times_and_codes()
    {
        var (result, _) = await VerifiedRealAsync();

        using var json = JsonDocument.Parse(await RenderAsync(result, ReportFormat.Json, new VerificationReportOptions { Culture = "zh-CN", TimeZone = "Europe/Berlin" }));

        var root = json.RootElement;
        Assert.Equal("fabric-evidence-verification-report", root.GetProperty("format").GetString());
        Assert.Equal("verified", root.GetProperty("verdict").GetString());
        Assert.Equal("Europe/Berlin", root.GetProperty("timeZone").GetString());
        var item = root.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("EV-REAL-1796360590", item.GetProperty("itemId").GetString());
        Assert.True(item.GetProperty("fileMatches").GetBoolean());
        var transactions = item.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(KnownTransactionIds, transactions.Select(t => t.GetProperty("transactionId").GetString()));
        Assert.Equal([4UL, 5, 6, 7, 8], transactions.Select(t => t.GetProperty("blockNumber").GetUInt64()));
        Assert.Equal(["investigator", "storage", "custodian", "custodian", "custodian"], transactions.Select(t => t.GetProperty("creator").GetProperty("role").GetString()));
        Assert.All(transactions, t => Assert.Equal(0, t.GetProperty("validationCode").GetInt32()));
        Assert.All(transactions, t => Assert.Equal(["Org1MSP", "Org2MSP"], t.GetProperty("endorsingOrganizations").EnumerateArray().Select(e => e.GetString())));
        Assert.All(transactions, t => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$", t.GetProperty("timestamp").GetString()!));
        Assert.Equal(result.Transactions.Select(t => t.Timestamp.ToString()), transactions.Select(t => t.GetProperty("timestamp").GetString()));
        Assert.Equal(0, root.GetProperty("checks").GetProperty("failed").GetInt32());
        Assert.Equal(result.Checks.Count, root.GetProperty("checks").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Without_the_identities_option_no_certificate_subject_appears_in_any_format()
    {
        var (result, _) = await VerifiedRealAsync();
        var subjects = result.Transactions.Select(t => t.Creator!.Subject).Distinct().ToList();
        var options = new VerificationReportOptions { IncludeIdentities = false };

        var html = await RenderAsync(result, ReportFormat.Html, options);
        var json = await RenderAsync(result, ReportFormat.Json, options);
        var fragment = VerificationReport.Create(result, options).ToHtmlFragment();

        Assert.All(subjects, s => Assert.DoesNotContain(s, html, StringComparison.Ordinal));
        Assert.All(subjects, s => Assert.DoesNotContain(s, json, StringComparison.Ordinal));
        Assert.All(subjects, s => Assert.DoesNotContain(s, fragment, StringComparison.Ordinal));
        Assert.Contains("withheld (requires the court role)", html, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json);
        Assert.All(parsed.RootElement.GetProperty("items")[0].GetProperty("transactions").EnumerateArray(), t => Assert.Equal(JsonValueKind.Null, t.GetProperty("creator").GetProperty("subject").ValueKind));
    }

    [Fact]
    public async Task The_pdf_report_is_a_readable_pdf_with_its_font_embedded_in_both_languages()
    {
        var (result, _) = await VerifiedRealAsync();

        foreach (var culture in new[] { "en", "zh-CN" })
        {
            var pdf = await RenderBytesAsync(result, ReportFormat.Pdf, new VerificationReportOptions { Culture = culture });

            Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
            using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
            Assert.InRange(document.PageCount, 2, 20);
            Assert.Contains("FontFile2", System.Text.Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
            Assert.StartsWith(culture == "en" ? "Evidence verification report" : "电子证据核验报告", document.Info.Title, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_pdf_with_a_missing_font_file_fails_with_a_message_saying_what_to_install()
    {
        var (result, _) = await VerifiedRealAsync();
        var report = VerificationReport.Create(result, new VerificationReportOptions { PdfFontPath = "/nonexistent/font.ttf" });

        var error = await Assert.ThrowsAsync<ReportFontNotFoundException>(() => report.WriteAsync(new MemoryStream(), ReportFormat.Pdf));

        Assert.Contains("/nonexistent/font.ttf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_refused_with_its_name()
    {
        var (result, _) = await VerifiedRealAsync();

        var error = Assert.Throws<ArgumentException>(() => VerificationReport.Create(result, new VerificationReportOptions { TimeZone = "Mars/Olympus" }));

        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_report_string_has_a_chinese_translation()
    {
        var neutral = ResourceNames(string.Empty);
        var chinese = ResourceNames(".zh-CN");

        Assert.Equal(neutral.Keys.Order(), chinese.Keys.Order());
        Assert.All(neutral.Keys.Where(k => !k.StartsWith("Validation.", StringComparison.Ordinal)), k => Assert.NotEqual(neutral[k], chinese[k]));
        Assert.All(chinese.Values, v => Assert.Matches(@"[\u4e00-\u9fff]", v));
        Assert.All(typeof(VerificationCheckNames).GetFields().Select(f => (string)f.GetValue(null)!), name => Assert.Contains("Check." + name, chinese.Keys));
        await Task.CompletedTask;
    }

    internal static async Task<(BundleVerificationResult Result, EvidenceBundle Bundle)> VerifiedRealAsync(bool changeFileByte = false)
    {
        var (bundle, file) = await RealNetworkTests.RealBundleAsync();
        if (changeFileByte)
        {
            file[3] ^= 0x01;
        }

        return (await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(file)), bundle);
    }

    private static Dictionary<string, string> ResourceNames(string suffix)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "sdk", "FabricEvidence.Verification", "Reports", "Resources", $"ReportStrings{suffix}.resx");
        var xml = System.Xml.Linq.XDocument.Load(path);
        return xml.Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
    }

    private static async Task<string> RenderAsync(BundleVerificationResult result, ReportFormat format, VerificationReportOptions? options = null) =>
        System.Text.Encoding.UTF8.GetString(await RenderBytesAsync(result, format, options));

    private static async Task<byte[]> RenderBytesAsync(BundleVerificationResult result, ReportFormat format, VerificationReportOptions? options = null)
    {
        var stream = new MemoryStream();
        await VerificationReport.Create(result, options).WriteAsync(stream, format);
        return stream.ToArray();
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ParseAsync(string html) => await new HtmlParser().ParseDocumentAsync(html);
}
