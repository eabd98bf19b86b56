using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>
/// The runtime settings the service ships with for its memory target (its csproj; README, Performance), and that
/// the service works under them: this test project runs with the same invariant globalization, so every test here
/// runs the service as it is deployed, and a caller whose certificate names are Chinese is served as any other.
/// </summary>
public sealed class RuntimeSettingsTests : ServiceTestBase
{
    [Fact]
    public void The_service_ships_with_workstation_non_concurrent_GC_no_dynamic_PGO_and_invariant_globalization()
    {
        // The project reference copies the service's runtimeconfig.json next to the tests.
        var path = Path.Combine(AppContext.BaseDirectory, "FabricEvidence.Evidence.StorageService.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
        Assert.True(properties.GetProperty("System.Globalization.Invariant").GetBoolean());
    }

    [Fact]
    public async Task A_caller_with_a_Chinese_name_uploads_and_downloads_under_invariant_globalization()
    {
        Assert.True(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant);
        Assert.Equal("", CultureInfo.CurrentCulture.Name);
        var officer = Pki.Issue(Pki.Org1Ca, FabricTestPki.Org1, "侦查员 张伟（刑侦支队）");
        var content = Bytes(700_000, seed: 11);
        Service.Submit("EV-1", officer, content);

        var receipt = await UploadAsync("EV-1", content, officer);
        var record = Service.Ledger.RecordAccess("EV-1", officer.Party, "法庭质证：第一次开庭");
        using var download = await Client.SendAsync(Requests.Get(Service.Https, "EV-1", record.TransactionId, officer));

        Assert.Equal("Stored", receipt.State);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("CN=侦查员 张伟（刑侦支队）", officer.Certificate.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenTelemetry_traces_and_metrics_are_exported_when_an_OTLP_endpoint_is_configured_and_not_set_up_otherwise()
    {
        await using var exporting = await ServiceUnderTest.StartAsync(Pki, new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:4317" });

        Assert.NotNull(exporting.App.Services.GetService<TracerProvider>());
        Assert.NotNull(exporting.App.Services.GetService<MeterProvider>());
        Assert.Null(Service.App.Services.GetService<TracerProvider>());
        Assert.Null(Service.App.Services.GetService<MeterProvider>());
    }
}
