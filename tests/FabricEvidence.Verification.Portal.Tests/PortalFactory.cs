using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FabricEvidence.Verification.Portal.Tests;

/// <summary>The portal on the fixture ledger: real Fabric 2.5.12 blocks of one item, in process.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    /// <summary>The access code of the court role in these tests (only its hash is configured).</summary>
    public const string CourtCode = "court-code-for-tests";

    public static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-network-2.5.12");

    public static string ItemId => System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Fixture, "item.json"))).RootElement.GetProperty("itemId").GetString()!;

    public static byte[] EvidenceFile => File.ReadAllBytes(Path.Combine(Fixture, "evidence-file.bin"));

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Portal:Ledger"] = "Fixtures",
        ["Portal:FixtureDirectory"] = Fixture,
        ["Portal:CourtAccessCodeHashes:0"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CourtCode))),
    };

    /// <summary>Starts the portal on Kestrel at a free local port (for a browser) and returns its address.</summary>
    public Uri StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
