using System.Text.Json;

namespace FabricEvidence.Cli.Tests;

/// <summary>
/// <c>evidence bundle verify</c> and <c>evidence report</c> on a bundle of real Fabric 2.5.12 blocks, offline: no
/// network option is given, and the harness's network.env is not needed. Exit code 0 only for a verified bundle.
/// </summary>
[Collection(CliGroup.Name)]
public sealed class BundleTests(CliHarness harness)
{
    [Fact]
    public async Task A_real_bundle_with_its_file_is_verified_offline_with_exit_code_0()
    {
        var bundle = await RealBundle.WriteAsync(harness.StateDir);

        var run = await harness.RunAsync("bundle", "verify", bundle.ZipPath, "--file", bundle.FileOption);

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("✔ VERIFIED", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 failed; 1 item(s), 5 transaction(s)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("✘", run.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Errors);
    }

    [Fact]
    public async Task One_changed_byte_in_the_file_exits_5_naming_the_file_digest_check()
    {
        var bundle = await RealBundle.WriteAsync(harness.StateDir);
        var bytes = await File.ReadAllBytesAsync(bundle.FilePath);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(bundle.FilePath, bytes);

        var run = await harness.RunAsync("bundle", "verify", bundle.ZipPath, "--file", bundle.FileOption);

        Assert.Equal(5, run.ExitCode);
        var failed = run.Output.Split('\n').Where(l => l.StartsWith('✘') && !l.Contains("NOT VERIFIED", StringComparison.Ordinal)).ToList();
        Assert.Single(failed);
        Assert.StartsWith($"✘ file-digest [item {bundle.ItemId}]", failed[0], StringComparison.Ordinal);
        Assert.Contains(bundle.ItemId, failed[0], StringComparison.Ordinal);
        Assert.Contains("✘ NOT VERIFIED: 1 check(s) failed", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_byte_in_the_bundle_exits_5()
    {
        var bundle = await RealBundle.WriteAsync(harness.StateDir);
        var zip = await File.ReadAllBytesAsync(bundle.ZipPath);
        zip[zip.Length / 3] ^= 0x01;
        await File.WriteAllBytesAsync(bundle.ZipPath, zip);

        var run = await harness.RunAsync("bundle", "verify", bundle.ZipPath, "--file", bundle.FileOption);

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("✘ NOT VERIFIED", run.Output, StringComparison.Ordinal);
        Assert.Contains(run.Output.Split('\n'), l => l.StartsWith("✘ ", StringComparison.Ordinal) && !l.Contains("NOT VERIFIED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_file_the_verdict_is_incomplete_and_the_exit_code_is_5()
    {
        var bundle = await RealBundle.WriteAsync(harness.StateDir);

        var run = await harness.RunAsync("bundle", "verify", bundle.ZipPath);

        Assert.Equal(5, run.ExitCode);
        Assert.Contains("! INCOMPLETE", run.Output, StringComparison.Ordinal);
        Assert.Contains("--file ID=PATH", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("html", "en")]
    [InlineData("html", "zh-CN")]
    [InlineData("json", "en")]
    [InlineData("pdf", "en")]
    [InlineData("pdf", "zh-CN")]
    public async Task The_report_is_written_in_each_format(string format, string language)
    {
        var bundle = await RealBundle.WriteAsync(harness.StateDir);
        var target = Path.Combine(Path.GetDirectoryName(bundle.ZipPath)!, "report." + format);

        var run = await harness.RunAsync("report", bundle.ZipPath, "--format", format, "--lang", language, "--time-zone", "Asia/Shanghai", "--file", bundle.FileOption, "-o", target);

        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains("✔ VERIFIED", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Wrote the {format.ToUpperInvariant()} report ({language}, Asia/Shanghai)", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(target + ".partial"));
        var bytes = await File.ReadAllBytesAsync(target);
        switch (format)
        {
            case "html":
                var html = System.Text.Encoding.UTF8.GetString(bytes);
                Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
                Assert.Contains(bundle.ItemId, html, StringComparison.Ordinal);
                Assert.Contains("e2ef9d08367c93a96dfb0ce617197378abab911d18544c8ee1fab350ad141777", html, StringComparison.Ordinal);
                Assert.Contains("+08:00", html, StringComparison.Ordinal);
                Assert.Contains(language == "zh-CN" ? "核验通过" : "VERIFIED", html, StringComparison.Ordinal);
                break;
            case "json":
                using (var json = JsonDocument.Parse(bytes))
                {
                    Assert.Equal("fabric-evidence-verification-report", json.RootElement.GetProperty("format").GetString());
                    Assert.Equal("verified", json.RootElement.GetProperty("verdict").GetString());
                    Assert.Contains(bundle.ItemId, json.RootElement.GetRawText(), StringComparison.Ordinal);
                }

                break;
            default:
                Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
                using (var pdf = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(bytes), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
                {
                    Assert.True(pdf.PageCount >= 1);
                }

                break;
        }
    }

    [Fact]
    public async Task The_report_of_a_changed_file_is_written_and_says_not_verified()
    {
        var bundle = await RealBundle.WriteAsync(harness.StateDir);
        var bytes = await File.ReadAllBytesAsync(bundle.FilePath);
        bytes[0] ^= 0x20;
        await File.WriteAllBytesAsync(bundle.FilePath, bytes);
        var target = Path.Combine(Path.GetDirectoryName(bundle.ZipPath)!, "report.json");

        var run = await harness.RunAsync("report", bundle.ZipPath, "--format", "json", "--file", bundle.FileOption, "-o", target);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("✘ NOT VERIFIED", run.Output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(target));
        Assert.Contains("file-digest", json.RootElement.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("not-verified", json.RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task A_missing_bundle_or_file_exits_3_naming_it()
    {
        var bundle = await RealBundle.WriteAsync(harness.StateDir);

        var noBundle = await harness.RunAsync("bundle", "verify", bundle.ZipPath + ".missing");
        var noFile = await harness.RunAsync("bundle", "verify", bundle.ZipPath, "--file", bundle.ItemId + "=/nonexistent/disk.img");

        Assert.Equal(3, noBundle.ExitCode);
        Assert.Contains("does not exist", noBundle.Errors, StringComparison.Ordinal);
        Assert.Equal(3, noFile.ExitCode);
        Assert.Contains($"'/nonexistent/disk.img' given for {bundle.ItemId} does not exist", noFile.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exporting_an_unknown_item_exits_3()
    {
        var run = await harness.RunAsync("bundle", "export", "EV-NOT-THERE-1", "-o", Path.Combine(harness.StateDir, "none.zip"));

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("error: ", run.Errors, StringComparison.Ordinal);
        Assert.Contains("EV-NOT-THERE-1", run.Errors, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(harness.StateDir, "none.zip")));
    }

    [Theory]
    [InlineData("bundle verify", "missing required argument 'BUNDLE'")]
    [InlineData("bundle verify B.zip --file nofile", "--file 'nofile' must be ID=PATH")]
    [InlineData("bundle verify B.zip --file x!y=f", "is not an evidence id")]
    [InlineData("bundle verify B.zip --file EV-1=a --file EV-1=b", "names item 'EV-1' twice")]
    [InlineData("bundle verify B.zip --peer localhost:7051", "Unknown option 'peer'")]
    [InlineData("bundle export", "Give the evidence ID to export, or --case CASE")]
    [InlineData("bundle export EV-1 --case C-1", "not both")]
    [InlineData("bundle export 'bad id!'", "is not an evidence id")]
    [InlineData("bundle frob", "Unknown command 'frob'")]
    [InlineData("report B.zip -o r.html", "--format is required: html, pdf or json")]
    [InlineData("report B.zip --format doc -o r.doc", "--format 'doc' is not supported: use html, pdf or json")]
    [InlineData("report B.zip --format html --lang fr -o r.html", "--lang 'fr' is not supported: use en or zh-CN")]
    [InlineData("report B.zip --format html --time-zone Mars/Base -o r.html", "--time-zone 'Mars/Base' is not a time zone")]
    [InlineData("report B.zip --format html", "-o FILE is required")]
    public async Task A_wrong_bundle_command_line_exits_2_with_one_line_saying_what_to_fix(string commandLine, string expected)
    {
        var run = await harness.RunAsync(ParsingTests.Split(commandLine));

        run.AssertOneLineError(2, expected);
    }

    [Fact]
    public async Task Help_lists_the_bundle_commands_and_report()
    {
        var top = await harness.RunAsync("--help");
        var bundle = await harness.RunAsync("bundle", "--help");

        Assert.Equal(0, top.ExitCode);
        Assert.Contains("bundle", top.Output, StringComparison.Ordinal);
        Assert.Contains("report", top.Output, StringComparison.Ordinal);
        Assert.Equal(0, bundle.ExitCode);
        Assert.Contains("export", bundle.Output, StringComparison.Ordinal);
        Assert.Contains("verify", bundle.Output, StringComparison.Ordinal);
    }
}
