using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Evidence.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>
/// The storage service running for real on Kestrel at 127.0.0.1 (HTTPS with client certificates, and plain HTTP),
/// a file-system store in a temporary folder, the in-memory ledger, and the test PKI's organisations trusted.
/// </summary>
public sealed class ServiceUnderTest : IAsyncDisposable
{
    private ServiceUnderTest(WebApplication app, InMemoryEvidenceLedger ledger, string root, FabricTestPki pki)
    {
        App = app;
        Ledger = ledger;
        Root = root;
        Pki = pki;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Https = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        Http = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal)));
    }

    public WebApplication App { get; }

    public InMemoryEvidenceLedger Ledger { get; }

    public string Root { get; }

    public FabricTestPki Pki { get; }

    public Uri Https { get; }

    public Uri Http { get; }

    public IEvidenceObjectStore Store => App.Services.GetRequiredService<IEvidenceObjectStore>();

    public static async Task<ServiceUnderTest> StartAsync(FabricTestPki pki, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "fe-service-" + Guid.NewGuid().ToString("N"));
        var ledger = new InMemoryEvidenceLedger();
        var builder = StorageServiceApplication.CreateBuilder([]);
        var configuration = new Dictionary<string, string?>
        {
            ["StorageService:FileSystem:RootPath"] = root,
            ["StorageService:Integrity:Enabled"] = "false",
            ["StorageService:UploadLockTimeout"] = "00:00:05",
            ["StorageService:Authentication:Organisations:Org1MSP:CaCertificates:0"] = pki.Org1CaPem,
            ["StorageService:Authentication:Organisations:Org2MSP:CaCertificates:0"] = pki.Org2CaPem,
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton<IEvidenceLedger>(ledger);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(pki.Server));
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        configure?.Invoke(builder);
        var app = StorageServiceApplication.Build(builder);
        await app.StartAsync();
        return new ServiceUnderTest(app, ledger, root, pki);
    }

    /// <summary>An HTTPS client that trusts the test TLS CA and presents <paramref name="clientCertificate"/>, if any.</summary>
    public HttpClient CreateClient(X509Certificate2? clientCertificate = null, bool https = true)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) => ValidateServer(certificate),
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        return new HttpClient(handler) { BaseAddress = https ? Https : Http, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>Submits an item on the ledger as <paramref name="submitter"/> would, for <paramref name="content"/>.</summary>
    public LedgerItem Submit(string id, TestIdentity submitter, byte[] content, DigestAlgorithm? algorithm = null) =>
        Ledger.Submit(id, ContentDigest.Compute(algorithm ?? DigestAlgorithm.Sha256, content), content.Length, submitter.Party);

    public bool ValidateServer(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Pki.TlsCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (Directory.Exists(Root))
        {
            foreach (var dir in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.Delete(Root, recursive: true);
        }
    }
}
