using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using FabricEvidence.Identity.Client.Tests;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>
/// The identity page in process: who may open it, bad input (missing purpose, oversized upload, expired nonce),
/// replays, and its settings. The ledger is the real identity contract behind the in-memory Gateway test peer.
/// </summary>
public sealed class IdentityPageTests : IClassFixture<IdentityPortal>
{
    private readonly IdentityPortal _portal;

    public IdentityPageTests(IdentityPortal portal) => _portal = portal;

    [Fact]
    public async Task Only_verifiers_open_the_page_anonymous_users_sign_in_and_court_staff_are_denied()
    {
        using var anonymous = Client(_portal.CreatePortal());
        using var court = Client(_portal.CreatePortal());
        await SignInAsync(court, PortalFactory.CourtCode);

        var toSignIn = await anonymous.GetAsync("/Identity");
        var denied = await court.GetAsync("/Identity");
        var deniedPage = await court.GetAsync(denied.Headers.Location!);

        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.StartsWith("/SignIn", toSignIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deniedPage.StatusCode);
        Assert.Contains("Identity verification needs the verifier role", await deniedPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_page_enabled_a_verifier_code_signs_nobody_in()
    {
        using var factory = _portal.CreatePortal(("Portal:Identity:Enabled", "false"));
        using var client = Client(factory);

        var response = await PostSignInAsync(client, IdentityPortal.VerifierCode);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_missing_purpose_is_refused_at_its_field_the_nonce_stays_usable_and_nothing_is_recorded()
    {
        using var holder = await _portal.IssueWithConsentAsync();
        using var client = await VerifierAsync(_portal.CreatePortal());
        var form = await GetFormAsync(client);
        var presentation = holder.Present(Audience(form), Nonce(form));

        var (missing, page) = await PostAsync(client, form, presentation, holder.ConsentId, purpose: " ");
        var logAfterMissing = await holder.VerificationsAsync();
        var (status, corrected) = await PostAsync(client, page, presentation, holder.ConsentId, IdentityNetwork.Purpose);

        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal("State the purpose of the verification (the consent's purpose code).", page.QuerySelector("#purpose-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#purpose")!.GetAttribute("aria-invalid"));
        Assert.Equal(Nonce(form), page.QuerySelector("input[name=Nonce]")!.GetAttribute("value"));
        Assert.Empty(logAfterMissing);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("passed", corrected.QuerySelector("[data-result]")!.GetAttribute("data-result"));
        Assert.Single(await holder.VerificationsAsync());
    }

    [Fact]
    public async Task An_oversized_upload_is_refused_with_the_limit_named_and_records_nothing()
    {
        using var client = await VerifierAsync(_portal.CreatePortal(("Portal:Identity:MaxPresentationBytes", "1024")));
        var form = await GetFormAsync(client);
        var before = _portal.Network.LedgerText();

        var (status, page) = await PostAsync(client, form, null, "consent-1", IdentityNetwork.Purpose, upload: new byte[2048]);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("The presentation is larger than 1024 bytes, the most this portal accepts. Check that you chose the right file.", page.QuerySelector("#presentation-error")!.TextContent);
        Assert.Equal(before, _portal.Network.LedgerText());
    }

    [Fact]
    public async Task An_expired_nonce_is_refused_a_new_one_is_issued_and_nothing_is_recorded()
    {
        using var holder = await _portal.IssueWithConsentAsync();
        using var client = await VerifierAsync(_portal.CreatePortal(("Portal:Identity:NonceLifetime", "00:00:01")));
        var form = await GetFormAsync(client);
        var presentation = holder.Present(Audience(form), Nonce(form));
        await Task.Delay(TimeSpan.FromMilliseconds(1500));

        var (status, page) = await PostAsync(client, form, presentation, holder.ConsentId, IdentityNetwork.Purpose);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("nonce-expired", page.QuerySelector("#message")!.GetAttribute("data-message"));
        Assert.StartsWith("The nonce has expired.", page.QuerySelector("#message")!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(Nonce(form), Nonce(page));
        Assert.Empty(await holder.VerificationsAsync());
    }

    [Fact]
    public async Task A_replayed_presentation_is_refused_with_its_nonce_and_with_a_fresh_one()
    {
        using var holder = await _portal.IssueWithConsentAsync();
        using var client = await VerifierAsync(_portal.CreatePortal());
        var form = await GetFormAsync(client);
        var presentation = holder.Present(Audience(form), Nonce(form));

        var (_, first) = await PostAsync(client, form, presentation, holder.ConsentId, IdentityNetwork.Purpose);
        var (sameNonce, replayed) = await PostAsync(client, form, presentation, holder.ConsentId, IdentityNetwork.Purpose);
        var (_, freshNonce) = await PostAsync(client, await GetFormAsync(client), presentation, holder.ConsentId, IdentityNetwork.Purpose);

        Assert.Equal("passed", first.QuerySelector("[data-result]")!.GetAttribute("data-result"));
        Assert.Equal(HttpStatusCode.BadRequest, sameNonce);
        Assert.Equal("nonce-used", replayed.QuerySelector("#message")!.GetAttribute("data-message"));
        Assert.Equal("wrong-nonce", freshNonce.QuerySelector("[data-result]")!.GetAttribute("data-reason"));
        Assert.Single(await holder.VerificationsAsync());
    }

    [Fact]
    public async Task A_presentation_for_another_verifier_fails_as_wrong_audience()
    {
        using var holder = await _portal.IssueWithConsentAsync();
        using var client = await VerifierAsync(_portal.CreatePortal());
        var form = await GetFormAsync(client);

        var (_, page) = await PostAsync(client, form, holder.Present("Org3MSP", Nonce(form)), holder.ConsentId, IdentityNetwork.Purpose);

        Assert.Equal("wrong-audience", page.QuerySelector("[data-result]")!.GetAttribute("data-reason"));
        Assert.Empty(await holder.VerificationsAsync());
    }

    [Fact]
    public void Enabled_without_issuer_CAs_stops_the_start_with_the_setting_named()
    {
        using var factory = _portal.CreatePortal(("Portal:Identity:CertificateAuthorities:Org1MSP:0", null));

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Portal:Identity:CertificateAuthorities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_identity_without_the_verifier_role_stops_the_start_with_a_message()
    {
        using var factory = _portal.CreatePortalSigningAs(FabricEvidence.Identity.Contract.Tests.Parties.Wallet);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("IdentityGateway must sign as a verifier of its organisation", error.Message, StringComparison.Ordinal);
        Assert.Contains("'holder'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_verifier_access_code_in_the_settings_is_refused_at_start()
    {
        using var factory = _portal.CreatePortal(("Portal:Identity:VerifierAccessCodeHashes:0", "letmein"));

        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("VerifierAccessCodeHashes must hold SHA-256 hashes", error.Message, StringComparison.Ordinal);
    }

    private static HttpClient Client(PortalFactory factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    private static async Task<HttpClient> VerifierAsync(PortalFactory factory)
    {
        var client = Client(factory);
        await SignInAsync(client, IdentityPortal.VerifierCode);
        return client;
    }

    private static async Task SignInAsync(HttpClient client, string code)
    {
        var response = await PostSignInAsync(client, code);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string code)
    {
        var form = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync("/SignIn"));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Antiforgery(form),
            ["AccessCode"] = code,
        });
        return await client.PostAsync("/SignIn", content);
    }

    private static async Task<IHtmlDocument> GetFormAsync(HttpClient client)
    {
        var response = await client.GetAsync("/Identity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, IHtmlDocument Page)> PostAsync(HttpClient client, IHtmlDocument form, string? presentation, string consentId, string purpose, byte[]? upload = null)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery(form)), "__RequestVerificationToken" },
            { new StringContent(form.QuerySelector("input[name=Nonce]")!.GetAttribute("value")!), "Nonce" },
            { new StringContent(presentation ?? string.Empty), "PresentationText" },
            { new StringContent(consentId), "ConsentId" },
            { new StringContent(purpose), "Purpose" },
        };
        if (upload is not null)
        {
            var part = new ByteArrayContent(upload);
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            content.Add(part, "Upload", "presentation.txt");
        }

        var response = await client.PostAsync("/Identity", content);
        return (response.StatusCode, await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    private static string Antiforgery(IHtmlDocument page) => page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static string Nonce(IHtmlDocument page) => page.QuerySelector("input[name=Nonce]")!.GetAttribute("value")!;

    private static string Audience(IHtmlDocument page) => page.QuerySelector("#audience")!.TextContent;
}
