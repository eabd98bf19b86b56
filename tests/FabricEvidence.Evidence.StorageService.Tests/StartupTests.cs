using System.Net;
using FabricEvidence.Evidence.StorageService.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>The Fabric ledger's configuration: every mistake stops the start with a message saying what to fix.</summary>
public sealed class StartupTests : IDisposable
{
    private readonly FabricTestPki _pki = new();

    [Fact]
    public void Without_a_ledger_configured_the_service_does_not_build()
    {
        var builder = Builder(new Dictionary<string, string?>());

        var ex = Assert.Throws<InvalidOperationException>(() => StorageServiceApplication.Build(builder));

        Assert.Contains("StorageService:Fabric", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_connection_settings_are_all_listed_at_start()
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(new Dictionary<string, string?> { ["StorageService:Fabric:ChannelName"] = "evidence" }));

        Assert.Contains(ex.Failures, f => f.Contains("Endpoint is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("MspId is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_identity_without_the_storage_role_is_refused_at_start()
    {
        var msp = WriteMsp(_pki.Issue(_pki.Org1Ca, FabricTestPki.Org1, "investigator1"));
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(Fabric(msp)));

        Assert.Contains(ex.Failures, f => f.Contains("has the role 'investigator', not 'storage'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_empty_chaincode_name_is_refused_at_start()
    {
        var msp = WriteMsp(_pki.Issue(_pki.Org1Ca, FabricTestPki.Org1, "storage1", role: "storage"));
        var settings = Fabric(msp);
        settings["StorageService:Fabric:ChaincodeName"] = "";
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(settings));

        Assert.Contains(ex.Failures, f => f.Contains("ChaincodeName is empty", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_valid_configuration_uses_the_Fabric_ledger_and_a_peer_that_does_not_answer_gives_502()
    {
        var msp = WriteMsp(_pki.Issue(_pki.Org1Ca, FabricTestPki.Org1, "storage1", role: "storage"));
        var settings = Fabric(msp);
        settings["StorageService:Fabric:EvaluateTimeout"] = "00:00:02";
        var builder = Builder(settings);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var app = StorageServiceApplication.Build(builder);
        await app.StartAsync();

        Assert.IsType<FabricEvidenceLedger>(app.Services.GetRequiredService<IEvidenceLedger>());
        var address = new Uri(app.Urls.Single());
        using var client = new HttpClient { BaseAddress = address };
        using var response = await client.SendAsync(Requests.Patch(address, "EV-1", 0, new byte[3], _pki.Investigator1()));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var (code, detail) = await Requests.ProblemAsync(response);
        Assert.Equal("ledger-unavailable", code);
        Assert.Contains("GetEvidence of 'EV-1'", detail, StringComparison.Ordinal);
        await app.StopAsync();
    }

    public void Dispose() => _pki.Dispose();

    /// <summary>Builds and starts the service (settings are checked as the services are first built, in Build or StartAsync).</summary>
    private async Task StartAsync(IDictionary<string, string?> settings)
    {
        await using var app = StorageServiceApplication.Build(Builder(settings));
        await app.StartAsync();
        await app.StopAsync();
    }

    private WebApplicationBuilder Builder(IDictionary<string, string?> settings)
    {
        var builder = StorageServiceApplication.CreateBuilder([]);
        var configuration = new Dictionary<string, string?>
        {
            ["StorageService:FileSystem:RootPath"] = Path.Combine(_pki.Directory, "objects"),
            ["StorageService:Integrity:Enabled"] = "false",
            ["StorageService:Authentication:Organisations:Org1MSP:CaCertificates:0"] = _pki.Org1CaPem,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        return builder;
    }

    private static Dictionary<string, string?> Fabric(string msp) => new()
    {
        // Nothing listens on port 1 of the loopback: connections are refused at once.
        ["StorageService:Fabric:Endpoint"] = "http://127.0.0.1:1",
        ["StorageService:Fabric:MspId"] = FabricTestPki.Org1,
        ["StorageService:Fabric:MspDirectory"] = msp,
        ["StorageService:Fabric:ChannelName"] = "evidence",
        ["StorageService:Fabric:ChaincodeName"] = "evidence",
    };

    private string WriteMsp(TestIdentity identity)
    {
        var msp = Path.Combine(_pki.Directory, "msp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        File.WriteAllText(Path.Combine(msp, "signcerts", "cert.pem"), identity.Certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(msp, "keystore", "priv_sk"), identity.Key.ExportPkcs8PrivateKeyPem());
        return msp;
    }
}
