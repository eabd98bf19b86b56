using FabricEvidence.Identity.Client;
using FabricEvidence.Identity.Client.Tests;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>
/// A verifier's path through the identity page in a real browser (<see cref="Browser"/>): sign in, hand the nonce to
/// the holder, paste or upload the presentation, read the result; the ledger is the real identity contract behind the
/// in-memory Gateway test peer, read back through the holder's wallet. Each test saves a screenshot.
/// </summary>
public sealed class IdentityBrowserTests : IClassFixture<IdentityPortal>, IDisposable
{
    private readonly IdentityPortal _portal;
    private readonly Browser _browser;

    public IdentityBrowserTests(IdentityPortal portal, ITestOutputHelper output)
    {
        _portal = portal;
        _browser = new Browser(portal.BaseAddress, output);
    }

    [Fact]
    public async Task A_passing_presentation_shows_only_the_disclosed_claims_and_the_transaction_of_its_record()
    {
        using var holder = await _portal.IssueWithConsentAsync();
        var (nonce, audience) = SignInAndReadNonce("en");

        _browser.Find("presentation").SendKeys(holder.Present(audience, nonce));
        Submit(holder.ConsentId, IdentityNetwork.Purpose);

        var result = _browser.Wait(By.CssSelector("[data-result]"));
        _browser.Screenshot("identity-passed-en");
        var log = await holder.VerificationsAsync();
        Assert.Equal("Org2MSP", audience);
        Assert.Equal("passed", result.GetAttribute("data-result"));
        Assert.StartsWith("PASSED: the credential is authentic", _browser.Find("verdict").Text, StringComparison.Ordinal);
        Assert.Equal(IdentityNetwork.IssuerId, _browser.Text("[data-field=issuer]"));
        Assert.Equal(IdentityNetwork.Vct, _browser.Text("[data-field=vct]"));
        Assert.Equal(holder.CredentialId, _browser.Text("[data-field=credential]"));
        Assert.Equal(["address/locality", "age_over_18"], _browser.Driver.FindElements(By.CssSelector("tr[data-claim]")).Select(r => r.GetAttribute("data-claim")).Order(StringComparer.Ordinal));
        Assert.Equal("Köln", _browser.Text("tr[data-claim='address/locality'] td"));
        Assert.Equal("true", _browser.Text("tr[data-claim=age_over_18] td"));
        var page = _browser.Driver.PageSource;
        Assert.All(["Erika", "Mustermann", "1963-08-12", "Heidestraße", "51147"], value => Assert.DoesNotContain(value, page, StringComparison.Ordinal));
        var record = Assert.Single(log);
        Assert.Equal(VerificationResults.Passed, record.Result);
        Assert.Equal(record.Id, _browser.Text("[data-field=transaction]"));
    }

    [Theory]
    [InlineData("suspended", "en", "FAILED: the credential is suspended by its issuer")]
    [InlineData("revoked", "zh-CN", "核验未通过: 凭证已被签发方撤销")]
    public async Task A_suspended_or_revoked_credential_fails_with_the_reason_in_words_and_is_recorded(string status, string culture, string verdict)
    {
        using var holder = await _portal.IssueWithConsentAsync();
        var issuer = _portal.Network.Issuer();
        _ = status == "suspended"
            ? await issuer.SuspendAsync(holder.CredentialId, StatusReasons.UnderInvestigation)
            : await issuer.RevokeAsync(holder.CredentialId, StatusReasons.FactsChanged);
        var (nonce, audience) = SignInAndReadNonce(culture);

        // Uploaded as a file this time, with a line break as a mail would add.
        _browser.Find("upload").SendKeys(_browser.Write("presentation.txt", System.Text.Encoding.ASCII.GetBytes(holder.Present(audience, nonce) + "\r\n")));
        Submit(holder.ConsentId, IdentityNetwork.Purpose);

        var result = _browser.Wait(By.CssSelector("[data-result]"));
        _browser.Screenshot($"identity-{status}-{culture}");
        var record = Assert.Single(await holder.VerificationsAsync());
        Assert.Equal("failed", result.GetAttribute("data-result"));
        Assert.Equal(status, result.GetAttribute("data-reason"));
        Assert.Equal(verdict, _browser.Find("verdict").Text);
        Assert.Equal(status, record.Result);
        Assert.Equal(record.Id, _browser.Text("[data-field=transaction]"));
        Assert.Empty(_browser.Driver.FindElements(By.CssSelector("tr[data-claim]")));
        Assert.DoesNotContain("Köln", _browser.Driver.PageSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presentation_for_another_nonce_fails_as_wrong_nonce_and_records_nothing()
    {
        using var holder = await _portal.IssueWithConsentAsync();
        var (_, audience) = SignInAndReadNonce("en");

        _browser.Find("presentation").SendKeys(holder.Present(audience, VerifierClient.CreateNonce()));
        Submit(holder.ConsentId, IdentityNetwork.Purpose);

        var result = _browser.Wait(By.CssSelector("[data-result]"));
        _browser.Screenshot("identity-wrong-nonce-en");
        Assert.Equal("failed", result.GetAttribute("data-result"));
        Assert.Equal("wrong-nonce", result.GetAttribute("data-reason"));
        Assert.Equal("FAILED: wrong nonce: the presentation was not made for the nonce this page gave", _browser.Find("verdict").Text);
        Assert.Equal("Not recorded: nothing was written to the ledger.", _browser.Text("[data-field=transaction]"));
        Assert.Empty(await holder.VerificationsAsync());
    }

    [Fact]
    public async Task A_withdrawn_consent_fails_as_no_consent_and_records_nothing()
    {
        using var holder = await _portal.IssueWithConsentAsync();
        await holder.Wallet.WithdrawConsentAsync(holder.EntryId, holder.ConsentId);
        var (nonce, audience) = SignInAndReadNonce("en");

        _browser.Find("presentation").SendKeys(holder.Present(audience, nonce));
        Submit(holder.ConsentId, IdentityNetwork.Purpose);

        var result = _browser.Wait(By.CssSelector("[data-result]"));
        _browser.Screenshot("identity-no-consent-en");
        Assert.Equal("no-consent", result.GetAttribute("data-reason"));
        Assert.StartsWith("FAILED: no consent", _browser.Find("verdict").Text, StringComparison.Ordinal);
        Assert.Contains("revoked by the holder", _browser.Text("[data-field=detail]"), StringComparison.Ordinal);
        Assert.Equal("Not recorded: nothing was written to the ledger.", _browser.Text("[data-field=transaction]"));
        Assert.Empty(await holder.VerificationsAsync());
    }

    [Fact]
    public void Malformed_input_gets_a_message_at_the_field_keeps_the_nonce_and_records_nothing()
    {
        var before = _portal.Network.LedgerText();
        var (nonce, _) = SignInAndReadNonce("en");

        _browser.Find("presentation").SendKeys("eyJhbGciOiJFUzI1NiJ9.not a presentation~");
        Submit("consent-1", IdentityNetwork.Purpose);

        var message = _browser.Wait(By.Id("message"));
        _browser.Screenshot("identity-malformed-en");
        Assert.Equal("alert", message.GetAttribute("role"));
        Assert.Equal("invalid", message.GetAttribute("data-message"));
        Assert.StartsWith("This is not a presentation", _browser.Find("presentation-error").Text, StringComparison.Ordinal);
        Assert.Equal("true", _browser.Find("presentation").GetAttribute("aria-invalid"));
        Assert.Equal(nonce, _browser.Find("nonce").Text);
        Assert.Equal(before, _portal.Network.LedgerText());
    }

    public void Dispose() => _browser.Dispose();

    private (string Nonce, string Audience) SignInAndReadNonce(string culture)
    {
        _browser.Open($"/Language?culture={culture}&returnUrl=%2FIdentity");
        var code = _browser.Wait(By.Id("access-code"));
        code.SendKeys(IdentityPortal.VerifierCode);
        code.SendKeys(Keys.Enter);
        var nonce = _browser.Wait(By.Id("nonce")).Text;
        return (nonce, _browser.Find("audience").Text);
    }

    private void Submit(string consentId, string purpose)
    {
        _browser.Find("consent").SendKeys(consentId);
        _browser.Find("purpose").SendKeys(purpose);
        _browser.Find("verify-presentation").Click();
    }
}
