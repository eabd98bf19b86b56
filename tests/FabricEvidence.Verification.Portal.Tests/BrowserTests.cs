using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>
/// A clerk's path through the portal in a real browser: Debian's headless Chromium driven by its chromedriver through
/// Selenium, against the portal on Kestrel (fixture ledger). Each test saves a screenshot under
/// <c>TestResults/screenshots</c> in the test output folder. Without Chromium the tests fail and say what to install.
/// </summary>
public sealed class BrowserTests : IClassFixture<BrowserTests.Server>, IDisposable
{
    private readonly Server _server;
    private readonly ITestOutputHelper _output;
    private readonly ChromeDriver _browser;
    private readonly string _scratch = Directory.CreateTempSubdirectory("fe-portal-").FullName;

    public BrowserTests(Server server, ITestOutputHelper output)
    {
        _server = server;
        _output = output;
        _browser = StartBrowser();
    }

    [Fact]
    public void Uploading_the_matching_file_shows_verified_using_only_the_keyboard_to_submit()
    {
        Open("/Language?culture=en&returnUrl=%2F");
        var id = _browser.FindElement(By.Id("item-id"));
        id.SendKeys(PortalFactory.ItemId);
        _browser.FindElement(By.Id("file")).SendKeys(Write("evidence-file.bin", PortalFactory.EvidenceFile));
        id.SendKeys(Keys.Enter);

        var verdict = Wait(By.CssSelector("[data-verdict]"));
        Screenshot("verified-en");
        Assert.Equal("verified", verdict.GetAttribute("data-verdict"));
        Assert.Contains("VERIFIED", verdict.Text, StringComparison.Ordinal);
        Assert.Equal("The digests are identical", _browser.FindElement(By.CssSelector("[data-field=digest-comparison]")).Text);
        Assert.Equal(5, _browser.FindElements(By.CssSelector("tr[data-tx]")).Count);
        Assert.Equal("en", _browser.FindElement(By.TagName("html")).GetAttribute("lang"));
    }

    [Fact]
    public void A_file_with_one_changed_byte_is_not_verified()
    {
        var file = PortalFactory.EvidenceFile;
        file[10] ^= 0x01;
        Open("/Language?culture=en&returnUrl=%2F");
        _browser.FindElement(By.Id("item-id")).SendKeys(PortalFactory.ItemId);
        _browser.FindElement(By.Id("file")).SendKeys(Write("changed.bin", file));
        _browser.FindElement(By.Id("verify")).Click();

        var verdict = Wait(By.CssSelector("[data-verdict]"));
        Screenshot("changed-byte-en");
        Assert.Equal("not-verified", verdict.GetAttribute("data-verdict"));
        Assert.Contains("NOT VERIFIED", verdict.Text, StringComparison.Ordinal);
        Assert.Equal("The digests differ", _browser.FindElement(By.CssSelector("[data-field=digest-comparison]")).Text);
        Assert.Contains("File digest", _browser.FindElement(By.CssSelector(".fe-failures")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_id_gets_a_clear_message_in_chinese()
    {
        Open("/Language?culture=zh-CN&returnUrl=%2F");
        _browser.FindElement(By.Id("item-id")).SendKeys("EV-UNKNOWN-42");
        _browser.FindElement(By.Id("verify")).Click();

        var message = Wait(By.Id("message"));
        Screenshot("unknown-id-zh");
        Assert.Equal("账本中没有编号为“EV-UNKNOWN-42”的证据项。请核对编号后重试。", message.Text);
        Assert.Equal("alert", message.GetAttribute("role"));
        Assert.Equal("zh-CN", _browser.FindElement(By.TagName("html")).GetAttribute("lang"));
    }

    [Fact]
    public void The_chinese_page_states_the_verdict_and_the_timeline_in_chinese()
    {
        Open("/Language?culture=zh-CN&returnUrl=%2F");
        _browser.FindElement(By.Id("item-id")).SendKeys(PortalFactory.ItemId);
        _browser.FindElement(By.Id("file")).SendKeys(Write("evidence-file.bin", PortalFactory.EvidenceFile));
        _browser.FindElement(By.Id("verify")).Click();

        var verdict = Wait(By.CssSelector("[data-verdict]"));
        Screenshot("verified-zh");
        Assert.Contains("核验通过", verdict.Text, StringComparison.Ordinal);
        Assert.Equal("证据提交", _browser.FindElement(By.CssSelector("tr[data-tx] td")).Text);
        Assert.Equal("已存储", _browser.FindElement(By.CssSelector("[data-field=state]")).Text);
    }

    public void Dispose()
    {
        _browser.Quit();
        _browser.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private static ChromeDriver StartBrowser()
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        var driver = Environment.GetEnvironmentVariable("CHROMEDRIVER_PATH") ?? "/usr/bin/chromedriver";
        if (!File.Exists(chromium) || !File.Exists(driver))
        {
            Assert.Fail($"The browser tests need Debian's Chromium and its WebDriver: '{chromium}' or '{driver}' is missing. Install them with 'apt-get install -y chromium chromium-driver' (.ci/run does), or set CHROMIUM_PATH and CHROMEDRIVER_PATH.");
        }

        var options = new ChromeOptions { BinaryLocation = chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1600", "--lang=en-US");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driver)!, Path.GetFileName(driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        browser.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(60);
        return browser;
    }

    private void Open(string path) => _browser.Navigate().GoToUrl(_server.BaseAddress + path.TrimStart('/'));

    private IWebElement Wait(By by)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = _browser.FindElements(by);
            if (found.Count > 0)
            {
                return found[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                Screenshot("timeout");
                Assert.Fail($"The page did not show {by} within 30 s; it shows: {_browser.FindElement(By.TagName("body")).Text}");
            }

            Thread.Sleep(100);
        }
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private void Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        _browser.GetScreenshot().SaveAsFile(path);
        _output.WriteLine($"Screenshot: {path}");
    }

    /// <summary>The portal on Kestrel at a free local port, shared by the tests of the class.</summary>
    public sealed class Server : IDisposable
    {
        private readonly PortalFactory _factory = new();

        public Server()
        {
            _factory.UseKestrel(0);
            _factory.StartServer();
            var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        }

        public Uri BaseAddress { get; }

        public void Dispose() => _factory.Dispose();
    }
}
