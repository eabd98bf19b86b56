using OpenQA.Selenium;
using Xunit.Abstractions;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>
/// A clerk's path through the portal in a real browser (<see cref="Browser"/>), against the portal on Kestrel (fixture
/// ledger). Each test saves a screenshot.
/// </summary>
public sealed class BrowserTests : IClassFixture<BrowserTests.Server>, IDisposable
{
    private readonly Browser _browser;

    public BrowserTests(Server server, ITestOutputHelper output) => _browser = new Browser(server.BaseAddress, output);

    [Fact]
    public void Uploading_the_matching_file_shows_verified_using_only_the_keyboard_to_submit()
    {
        Open("/Language?culture=en&returnUrl=%2F");
        var id = _browser.Driver.FindElement(By.Id("item-id"));
        id.SendKeys(PortalFactory.ItemId);
        _browser.Driver.FindElement(By.Id("file")).SendKeys(Write("evidence-file.bin", PortalFactory.EvidenceFile));
        id.SendKeys(Keys.Enter);

        var verdict = Wait(By.CssSelector("[data-verdict]"));
        Screenshot("verified-en");
        Assert.Equal("verified", verdict.GetAttribute("data-verdict"));
        Assert.Contains("VERIFIED", verdict.Text, StringComparison.Ordinal);
        Assert.Equal("The digests are identical", _browser.Driver.FindElement(By.CssSelector("[data-field=digest-comparison]")).Text);
        Assert.Equal(5, _browser.Driver.FindElements(By.CssSelector("tr[data-tx]")).Count);
        Assert.Equal("en", _browser.Driver.FindElement(By.TagName("html")).GetAttribute("lang"));
    }

    [Fact]
    public void A_file_with_one_changed_byte_is_not_verified()
    {
        var file = PortalFactory.EvidenceFile;
        file[10] ^= 0x01;
        Open("/Language?culture=en&returnUrl=%2F");
        _browser.Driver.FindElement(By.Id("item-id")).SendKeys(PortalFactory.ItemId);
        _browser.Driver.FindElement(By.Id("file")).SendKeys(Write("changed.bin", file));
        _browser.Driver.FindElement(By.Id("verify")).Click();

        var verdict = Wait(By.CssSelector("[data-verdict]"));
        Screenshot("changed-byte-en");
        Assert.Equal("not-verified", verdict.GetAttribute("data-verdict"));
        Assert.Contains("NOT VERIFIED", verdict.Text, StringComparison.Ordinal);
        Assert.Equal("The digests differ", _browser.Driver.FindElement(By.CssSelector("[data-field=digest-comparison]")).Text);
        Assert.Contains("File digest", _browser.Driver.FindElement(By.CssSelector(".fe-failures")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_id_gets_a_clear_message_in_chinese()
    {
        Open("/Language?culture=zh-CN&returnUrl=%2F");
        _browser.Driver.FindElement(By.Id("item-id")).SendKeys("EV-UNKNOWN-42");
        _browser.Driver.FindElement(By.Id("verify")).Click();

        var message = Wait(By.Id("message"));
        Screenshot("unknown-id-zh");
        Assert.Equal("账本中没有编号为“EV-UNKNOWN-42”的证据项。请核对编号后重试。", message.Text);
        Assert.Equal("alert", message.GetAttribute("role"));
        Assert.Equal("zh-CN", _browser.Driver.FindElement(By.TagName("html")).GetAttribute("lang"));
    }

    [Fact]
    public void The_chinese_page_states_the_verdict_and_the_timeline_in_chinese()
    {
        Open("/Language?culture=zh-CN&returnUrl=%2F");
        _browser.Driver.FindElement(By.Id("item-id")).SendKeys(PortalFactory.ItemId);
        _browser.Driver.FindElement(By.Id("file")).SendKeys(Write("evidence-file.bin", PortalFactory.EvidenceFile));
        _browser.Driver.FindElement(By.Id("verify")).Click();

        var verdict = Wait(By.CssSelector("[data-verdict]"));
        Screenshot("verified-zh");
        Assert.Contains("核验通过", verdict.Text, StringComparison.Ordinal);
        Assert.Equal("证据提交", _browser.Driver.FindElement(By.CssSelector("tr[data-tx] td")).Text);
        Assert.Equal("已存储", _browser.Driver.FindElement(By.CssSelector("[data-field=state]")).Text);
    }

    public void Dispose() => _browser.Dispose();

    private void Open(string path) => _browser.Open(path);

    private IWebElement Wait(By by) => _browser.Wait(by);

    private string Write(string name, byte[] content) => _browser.Write(name, content);

    private void Screenshot(string name) => _browser.Screenshot(name);

    /// <summary>The portal on Kestrel at a free local port, shared by the tests of the class.</summary>
    public sealed class Server : IDisposable
    {
        private readonly PortalFactory _factory = new();

        public Server() => BaseAddress = _factory.StartOnKestrel();

        public Uri BaseAddress { get; }

        public void Dispose() => _factory.Dispose();
    }
}
