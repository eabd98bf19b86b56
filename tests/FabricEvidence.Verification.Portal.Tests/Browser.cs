using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using Xunit.Abstractions;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>
/// Debian's headless Chromium driven by its chromedriver through Selenium, against a portal at
/// <see cref="BaseAddress"/>: navigation, waiting for an element, files to upload and screenshots (under
/// <c>TestResults/screenshots</c> in the test output folder). Without Chromium it fails and says what to install.
/// </summary>
internal sealed class Browser : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _scratch = Directory.CreateTempSubdirectory("fe-portal-").FullName;

    public Browser(Uri baseAddress, ITestOutputHelper output)
    {
        BaseAddress = baseAddress;
        _output = output;
        Driver = Start();
    }

    public Uri BaseAddress { get; }

    public ChromeDriver Driver { get; }

    public void Open(string path) => Driver.Navigate().GoToUrl(BaseAddress + path.TrimStart('/'));

    public IWebElement Find(string id) => Driver.FindElement(By.Id(id));

    public string Text(string cssSelector) => Driver.FindElement(By.CssSelector(cssSelector)).Text;

    public IWebElement Wait(By by)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = Driver.FindElements(by);
            if (found.Count > 0)
            {
                return found[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                Screenshot("timeout");
                Assert.Fail($"The page did not show {by} within 30 s; it shows: {Driver.FindElement(By.TagName("body")).Text}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Writes a file to upload and returns its path.</summary>
    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Screenshot(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        Driver.GetScreenshot().SaveAsFile(path);
        _output.WriteLine($"Screenshot: {path}");
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        Directory.Delete(_scratch, recursive: true);
    }

    private static ChromeDriver Start()
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
}
