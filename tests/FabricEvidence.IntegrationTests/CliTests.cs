using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Evidence;
using FabricEvidence.Evidence.StorageService;
using FabricEvidence.Gateway;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// The <c>evidence</c> tool on real peers, with the storage service in process signing as Org2's storage user: what
/// an investigator runs, end to end. The tool finds the network through its network.env, as after network.sh up.
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class CliTests(FabricNetwork fabric)
{
    [NetworkFact]
    public async Task Submit_through_the_cli_is_confirmed_by_the_storage_identity_in_a_second_transaction_by_another_certificate()
    {
        await using var storage = await StorageService.StartAsync(fabric);
        var file = NewFile(3 * 1024 * 1024 + 17);
        var id = Evidence.NewId("EV-CLI");

        var submit = await RunAsync(storage, "submit", file, "--id", id, "--case", "CASE-CLI/1", "--description", "Disk image", "--algorithm", "sm3", "--json");
        var history = await RunAsync(storage, "history", id, "--json");

        Assert.True(submit.ExitCode == 0, submit.Errors);
        using var json = JsonDocument.Parse(submit.Output);
        var record = json.RootElement.GetProperty("record");
        Assert.Equal("Stored", record.GetProperty("state").GetString());
        var submitted = record.GetProperty("submitted");
        var confirmed = record.GetProperty("storage").GetProperty("confirmed");
        Assert.Equal(("Org1MSP", "investigator"), (submitted.GetProperty("mspId").GetString(), submitted.GetProperty("role").GetString()));
        Assert.Equal(("Org2MSP", "storage"), (confirmed.GetProperty("mspId").GetString(), confirmed.GetProperty("role").GetString()));
        Assert.Equal(Fingerprint(fabric.Organisation(1).UserMspDirectories[NetworkUser.Investigator]), submitted.GetProperty("certificateFingerprint").GetString());
        Assert.Equal(Fingerprint(fabric.Organisation(2).UserMspDirectories[NetworkUser.Storage]), confirmed.GetProperty("certificateFingerprint").GetString());
        Assert.True(history.ExitCode == 0, history.Errors);
        using var entries = JsonDocument.Parse(history.Output);
        var transactions = entries.RootElement.EnumerateArray().Select(e => e.GetProperty("txId").GetString()).ToList();
        Assert.Equal([submitted.GetProperty("txId").GetString(), confirmed.GetProperty("txId").GetString()], transactions);
        var stored = Directory.EnumerateFiles(storage.Root, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).Length == new FileInfo(file).Length);
        Assert.Contains(stored, f => File.ReadAllBytes(f).AsSpan().SequenceEqual(File.ReadAllBytes(file)));
    }

    [NetworkFact]
    public async Task Verify_through_the_cli_accepts_the_file_and_detects_a_changed_copy()
    {
        await using var storage = await StorageService.StartAsync(fabric);
        var file = NewFile(100_000);
        var id = Evidence.NewId("EV-CLIV");
        Assert.Equal(0, (await RunAsync(storage, "submit", file, "--id", id, "--case", "CASE-CLI/2", "--description", "Photo")).ExitCode);
        var changed = NewFile(0);
        var bytes = File.ReadAllBytes(file);
        bytes[4096] ^= 0x20;
        File.WriteAllBytes(changed, bytes);

        var same = await RunAsync(storage, "verify", id, file, "--org", "2", "--user", "judge");
        var different = await RunAsync(storage, "verify", id, changed, "--org", "2", "--user", "judge");

        Assert.Equal(0, same.ExitCode);
        Assert.Contains("MATCH", same.Output, StringComparison.Ordinal);
        Assert.Equal(5, different.ExitCode);
        Assert.Contains("MISMATCH", different.Output, StringComparison.Ordinal);
    }

    [NetworkFact]
    public async Task A_download_is_refused_without_an_access_record_and_served_after_the_cli_records_one()
    {
        await using var storage = await StorageService.StartAsync(fabric);
        var file = NewFile(500_000);
        var id = Evidence.NewId("EV-CLID");
        Assert.Equal(0, (await RunAsync(storage, "submit", file, "--id", id, "--case", "CASE-CLI/3", "--description", "Video")).ExitCode);
        var custodian = Identities.LoadMspDirectory("Org1MSP", fabric.Organisation(1).UserMspDirectories[NetworkUser.Custodian]);
        using var client = new StorageClient(storage.Url, new SocketsHttpHandler(), custodian.Identity.Certificate, custodian.Signer);

        var refusal = await Assert.ThrowsAsync<StorageRefusedException>(() =>
            client.DownloadAsync(id, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Stream.Null, DigestAlgorithm.Sha256, null, CancellationToken.None));
        var target = Path.Combine(Path.GetTempPath(), id + ".out");
        var download = await RunAsync(storage, "download", id, "--purpose", "Court exhibit", "-o", target, "--user", "custodian", "--force");

        Assert.Equal((403, "access-not-recorded"), (refusal.Status, refusal.Code));
        Assert.True(download.ExitCode == 0, download.Errors);
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(target));
        File.Delete(target);
    }

    private Task<(int ExitCode, string Output, string Errors)> RunAsync(StorageService storage, params string[] args) =>
        CliRunner.RunAsync(new Dictionary<string, string> { ["NETWORK_STATE_DIR"] = fabric.StateDir, ["EVIDENCE_STORAGE_URL"] = storage.Url.ToString() }, args);

    private static string Fingerprint(string mspDirectory)
    {
        using var certificate = Identities.ReadCertificateFile(Directory.GetFiles(Path.Combine(mspDirectory, "signcerts"), "*.pem").Single());
        return Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }

    private static string NewFile(int size)
    {
        var path = Path.Combine(Path.GetTempPath(), "fe-cli-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(size));
        return path;
    }

    /// <summary>The storage service in process, on loopback, confirming as Org2's storage user over TLS to Org2's peer.</summary>
    private sealed class StorageService : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private StorageService(WebApplication app, string root, Uri url)
        {
            _app = app;
            Root = root;
            Url = url;
        }

        public string Root { get; }

        public Uri Url { get; }

        public static async Task<StorageService> StartAsync(FabricNetwork fabric)
        {
            var root = Path.Combine(Path.GetTempPath(), "fe-cli-objects-" + Guid.NewGuid().ToString("N"));
            string CaFile(int org) => Directory.GetFiles(Path.Combine(fabric.Organisation(org).UserMspDirectories[NetworkUser.Investigator], "cacerts"), "*.pem").First();
            var builder = StorageServiceApplication.CreateBuilder([]);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["StorageService:FileSystem:RootPath"] = root,
                ["StorageService:Integrity:Enabled"] = "false",
                ["StorageService:Authentication:Organisations:Org1MSP:CaCertificates:0"] = CaFile(1),
                ["StorageService:Authentication:Organisations:Org2MSP:CaCertificates:0"] = CaFile(2),
                ["StorageService:Fabric:Endpoint"] = fabric.Organisation(2).PeerEndpoint,
                ["StorageService:Fabric:TlsRootCertificatePath"] = fabric.Organisation(2).TlsCaPath,
                ["StorageService:Fabric:MspId"] = fabric.Organisation(2).MspId,
                ["StorageService:Fabric:MspDirectory"] = fabric.Organisation(2).UserMspDirectories[NetworkUser.Storage],
                ["StorageService:Fabric:ChannelName"] = fabric.Channel,
                ["StorageService:Fabric:ChaincodeName"] = FabricNetwork.EvidenceChaincode,
            });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = StorageServiceApplication.Build(builder);
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new StorageService(app, root, new Uri(address + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            if (!Directory.Exists(Root))
            {
                return;
            }

            // The file-system store leaves objects read-only.
            if (!OperatingSystem.IsWindows())
            {
                foreach (var directory in Directory.EnumerateDirectories(Root, "*", SearchOption.AllDirectories))
                {
                    File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            Directory.Delete(Root, recursive: true);
        }
    }
}
