using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>The portal in process: what it refuses, what it shows to whom, languages, downloads and its settings.</summary>
public sealed class PortalTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public PortalTests(PortalFactory factory) => _factory = factory;

    [Theory]
    [InlineData("zh-CN,zh;q=0.9", "zh-CN", "证据项编号")]
    [InlineData("en-GB,en;q=0.8", "en", "Evidence item ID")]
    [InlineData("fr-FR", "zh-CN", "证据项编号")]
    public async Task The_form_follows_Accept_Language_and_labels_every_field(string acceptLanguage, string lang, string label)
    {
        using var client = Client();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);

        var page = await GetPageAsync(client, "/");

        Assert.Equal(lang, page.DocumentElement.GetAttribute("lang"));
        Assert.Equal(label, page.QuerySelector("label[for=item-id]")!.TextContent);
        Assert.All(page.QuerySelectorAll("input:not([type=hidden])"), input => Assert.NotNull(page.QuerySelector($"label[for={input.Id}]")));
        Assert.Empty(page.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task The_language_switch_sets_a_cookie_and_returns_only_inside_the_portal()
    {
        using var client = Client();

        var response = await client.GetAsync("/Language?culture=en&returnUrl=%2F%2Fevil.example%2F");
        var page = await GetPageAsync(client, "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task An_empty_id_is_refused_with_a_message_at_the_field()
    {
        using var client = Client();

        var (status, page) = await VerifyAsync(client, "  ", null);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("请输入证据项编号。", page.QuerySelector("#item-id-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#item-id")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task An_unknown_id_gets_404_and_a_message_naming_it()
    {
        using var client = Client("en");

        var (status, page) = await VerifyAsync(client, "EV-DOES-NOT-EXIST", null);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not-found", page.QuerySelector("#message")!.GetAttribute("data-message"));
        Assert.Contains("No evidence item with the ID “EV-DOES-NOT-EXIST” is recorded on the ledger", page.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var client = Client();
        using var form = new MultipartFormDataContent { { new StringContent(PortalFactory.ItemId), "ItemId" } };

        var response = await client.PostAsync("/", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_file_the_verdict_is_incomplete_and_with_the_file_it_is_verified()
    {
        using var client = Client("en");

        var (_, without) = await VerifyAsync(client, PortalFactory.ItemId, null);
        var (status, with) = await VerifyAsync(client, PortalFactory.ItemId, PortalFactory.EvidenceFile);

        Assert.Equal("incomplete", without.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("verified", with.QuerySelector("[data-verdict]")!.GetAttribute("data-verdict"));
        Assert.Equal(5, with.QuerySelectorAll("tr[data-tx]").Length);
        Assert.Equal("Org2MSP", with.QuerySelector("[data-field=holder]")!.TextContent);
        Assert.Equal("Stored", with.QuerySelector("[data-field=state]")!.TextContent);
    }

    [Fact]
    public async Task Anonymous_users_see_no_certificate_subject_and_cannot_download_the_bundle()
    {
        using var client = Client("en");

        var (_, page) = await VerifyAsync(client, PortalFactory.ItemId, PortalFactory.EvidenceFile);
        var token = Token(page);
        var bundle = await client.GetAsync($"/bundle/{token}");
        var json = await client.GetStringAsync($"/report/{token}/json");

        Assert.All(page.QuerySelectorAll("tr[data-tx]"), row => Assert.Equal("withheld (requires the court role)", row.QuerySelectorAll("td")[6].TextContent));
        Assert.DoesNotContain("CN=", page.Source.Text, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#download-bundle"));
        Assert.NotEqual(HttpStatusCode.OK, bundle.StatusCode);
        Assert.NotEqual("application/zip", bundle.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("CN=", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_court_role_sees_subjects_and_downloads_a_bundle_that_verifies_offline()
    {
        using var client = Client("en");
        await SignInAsync(client, PortalFactory.CourtCode, HttpStatusCode.Redirect);

        var (_, page) = await VerifyAsync(client, PortalFactory.ItemId, PortalFactory.EvidenceFile);
        var bundle = await client.GetAsync($"/bundle/{Token(page)}");

        Assert.All(page.QuerySelectorAll("tr[data-tx]"), row => Assert.StartsWith("CN=", row.QuerySelectorAll("td")[6].TextContent, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("application/zip", bundle.Content.Headers.ContentType!.MediaType);
        var result = await new BundleVerifier().VerifyAsync(await bundle.Content.ReadAsStreamAsync(), [new EvidenceFile(PortalFactory.ItemId, new MemoryStream(PortalFactory.EvidenceFile))]);
        Assert.True(result.IsVerified, string.Join("\n", result.Failures));
    }

    [Fact]
    public async Task A_wrong_access_code_is_refused_and_grants_nothing()
    {
        using var client = Client("en");

        var page = await SignInAsync(client, "guess", HttpStatusCode.Unauthorized);
        var (_, verified) = await VerifyAsync(client, PortalFactory.ItemId, PortalFactory.EvidenceFile);

        Assert.Equal("The access code is not valid.", page!.QuerySelector("#message")!.TextContent);
        Assert.Null(verified.QuerySelector("#download-bundle"));
    }

    [Fact]
    public async Task Reports_download_in_three_formats_and_unknown_tokens_or_formats_get_404()
    {
        using var client = Client("zh-CN");
        var (_, page) = await VerifyAsync(client, PortalFactory.ItemId, PortalFactory.EvidenceFile);
        var token = Token(page);

        var html = await client.GetAsync($"/report/{token}/html");
        var pdf = await client.GetAsync($"/report/{token}/pdf");
        var json = await client.GetAsync($"/report/{token}/json");
        var gone = await client.GetAsync($"/report/{new string('0', 32)}/json");
        var format = await client.GetAsync($"/report/{token}/exe");

        Assert.Contains("电子证据核验报告", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..5]);
        Assert.Equal($"{PortalFactory.ItemId}-verification-report.pdf", pdf.Content.Headers.ContentDisposition!.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName);
        using var report = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal("verified", report.RootElement.GetProperty("verdict").GetString());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Contains("核验结果已失效", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, format.StatusCode);
    }

    [Fact]
    public async Task Pages_send_headers_that_forbid_framing_scripts_and_sniffing()
    {
        using var client = Client();

        var response = await client.GetAsync("/");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fixture_ledger_without_its_folder_stops_the_start_with_the_setting_named()
    {
        using var factory = new PortalFactory();
        factory.Settings["Portal:FixtureDirectory"] = "/nonexistent";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Portal:FixtureDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_access_code_in_the_settings_is_refused_at_start()
    {
        using var factory = new PortalFactory();
        factory.Settings["Portal:CourtAccessCodeHashes:0"] = "letmein";

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("SHA-256 hashes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fabric_ledger_without_gateway_settings_stops_the_start_with_a_message()
    {
        using var factory = new PortalFactory();
        factory.Settings["Portal:Ledger"] = "Fabric";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Endpoint", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private HttpClient Client(string? language = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }

    private static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string path) =>
        await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path));

    internal static async Task<(HttpStatusCode Status, IHtmlDocument Page)> VerifyAsync(HttpClient client, string itemId, byte[]? file)
    {
        var form = await GetPageAsync(client, "/");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(itemId), "ItemId" },
        };
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, "Upload", "evidence.bin");
        }

        var response = await client.PostAsync("/", content);
        return (response.StatusCode, await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<IHtmlDocument?> SignInAsync(HttpClient client, string code, HttpStatusCode expected)
    {
        var form = await GetPageAsync(client, "/SignIn");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["AccessCode"] = code,
        });
        var response = await client.PostAsync("/SignIn", content);
        Assert.Equal(expected, response.StatusCode);
        return response.StatusCode == HttpStatusCode.Redirect ? null : await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private static string Token(IHtmlDocument page) =>
        page.QuerySelector("#download-json")!.GetAttribute("href")!.Split('/')[2];
}
