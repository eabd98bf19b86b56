using System.Net;
using FabricEvidence.Chaincode.Testing;
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
using Spectre.Console.Testing;
using ContractType = FabricEvidence.Evidence.Contract.EvidenceContract;

namespace FabricEvidence.Cli.Tests;

/// <summary>What one run of the tool printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Errors)
{
    /// <summary>The tool's refusal contract: the exit code, one line on stderr that starts with "error: " and says what to fix, no stack trace, nothing on stdout.</summary>
    public void AssertOneLineError(int exitCode, string expected)
    {
        Assert.True(exitCode == ExitCode, $"exit {ExitCode}: {Errors}");
        Assert.StartsWith("error: ", Errors, StringComparison.Ordinal);
        Assert.Contains(expected, Errors, StringComparison.Ordinal);
        Assert.Single(Errors.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", Errors, StringComparison.Ordinal);
        Assert.Equal(string.Empty, Output.Trim());
    }
}

/// <summary>
/// The tool's whole world in process: the real evidence contract behind a Gateway test peer (the in-memory ledger),
/// the real storage service on loopback confirming with its own storage identity, users of two organisations as MSP
/// folders, and a network.env pointing at all of it, as <c>network/network.sh up</c> writes one.
/// </summary>
public sealed class CliHarness : IAsyncLifetime
{
    private readonly TestPki _pki = new();
    private ContractTestHost _host = null!;
    private GatewayTestPeer.GatewayTestPeer _peer = null!;
    private WebApplication _storage = null!;

    public string StateDir => _pki.Root;

    public string StorageUrl { get; private set; } = string.Empty;

    public string PeerAddress => _peer.Address.ToString().TrimEnd('/');

    public string StorageRoot => Path.Combine(_pki.Root, "objects");

    /// <summary>MSP folders by "role@org" (investigator@1, custodian@2, ...).</summary>
    public Dictionary<string, string> Msp { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        foreach (var org in new[] { 1, 2 })
        {
            foreach (var role in new[] { "investigator", "storage", "custodian", "judge" })
            {
                Msp[$"{role}@{org}"] = _pki.User($"Org{org}MSP", $"{role}{org}", role);
            }
        }

        _host = ContractTestHost.Create<ContractType>();
        _peer = await GatewayTestPeer.GatewayTestPeer.StartAsync(new Dictionary<string, Chaincode.IChaincode> { ["evidence"] = _host.Chaincode });

        // The storage service signs its confirmations as Org1's storage user, configured as in production.
        var builder = StorageServiceApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StorageService:FileSystem:RootPath"] = StorageRoot,
            ["StorageService:Integrity:Enabled"] = "false",
            ["StorageService:Authentication:Organisations:Org1MSP:CaCertificates:0"] = _pki.CaFile("Org1MSP"),
            ["StorageService:Authentication:Organisations:Org2MSP:CaCertificates:0"] = _pki.CaFile("Org2MSP"),
            ["StorageService:Fabric:Endpoint"] = PeerAddress,
            ["StorageService:Fabric:MspId"] = "Org1MSP",
            ["StorageService:Fabric:MspDirectory"] = Msp["storage@1"],
            ["StorageService:Fabric:ChannelName"] = "evidence",
            ["StorageService:Fabric:ChaincodeName"] = "evidence",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _storage = StorageServiceApplication.Build(builder);
        await _storage.StartAsync();
        StorageUrl = _storage.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

        File.WriteAllLines(Path.Combine(StateDir, "network.env"),
        [
            "# as network/network.sh writes it; the peer is plaintext, so no TLS CA",
            "NETWORK_STATUS=up",
            "NETWORK_CHANNEL=evidence",
            .. new[] { 1, 2 }.SelectMany(org => new[]
            {
                $"NETWORK_ORG{org}_MSP_ID=Org{org}MSP",
                $"NETWORK_ORG{org}_PEER_ADDRESS={PeerAddress}",
                $"NETWORK_ORG{org}_TLS_CA=",
                $"NETWORK_ORG{org}_INVESTIGATOR_MSP={Msp[$"investigator@{org}"]}",
                $"NETWORK_ORG{org}_STORAGE_MSP={Msp[$"storage@{org}"]}",
                $"NETWORK_ORG{org}_CUSTODIAN_MSP={Msp[$"custodian@{org}"]}",
                $"NETWORK_ORG{org}_JUDGE_MSP={Msp[$"judge@{org}"]}",
            }),
        ]);
    }

    /// <summary>Runs <c>evidence args...</c> with NETWORK_STATE_DIR and EVIDENCE_STORAGE_URL set to this harness.</summary>
    public Task<CliRun> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>As <see cref="RunAsync(string[])"/>, with the tool's HTTP handler made by <paramref name="httpHandler"/>.</summary>
    public async Task<CliRun> RunAsync(Func<HttpMessageHandler>? httpHandler, params string[] args)
    {
        var output = new TestConsole().Width(250);
        var errors = new TestConsole().Width(250);
        var environment = new CliEnvironment(name => name switch
        {
            "NETWORK_STATE_DIR" => StateDir,
            "EVIDENCE_STORAGE_URL" => StorageUrl,
            _ => null,
        }, httpHandler);
        var code = await CliApplication.RunAsync(args, output, errors, environment);
        return new CliRun(code, output.Output, errors.Output);
    }

    /// <summary>Writes a file of <paramref name="size"/> random bytes and returns its path.</summary>
    public string NewFile(int size)
    {
        var path = Path.Combine(StateDir, "file-" + Guid.NewGuid().ToString("N") + ".bin");
        File.WriteAllBytes(path, System.Security.Cryptography.RandomNumberGenerator.GetBytes(size));
        return path;
    }

    public static string NewId() => "EV-T-" + Guid.NewGuid().ToString("N")[..12];

    public async Task DisposeAsync()
    {
        await _storage.StopAsync();
        await _storage.DisposeAsync();
        await _peer.DisposeAsync();
        await _host.DisposeAsync();
        _pki.Dispose();
    }
}
