using System.Diagnostics;
using System.Text;

namespace FabricEvidence.Verification.Tests;

/// <summary>Runs only when Fabric's binaries are available; otherwise reported as skipped, with the reason.</summary>
public sealed class LiveNetworkFactAttribute : FactAttribute
{
    public LiveNetworkFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FABRIC_BIN")))
        {
            Skip = "FABRIC_BIN is not set: this check starts a Fabric network with network/network.sh and needs Fabric's binaries "
                + "(peer, orderer, configtxgen, osnadmin, cryptogen). Real blocks are still verified from the committed "
                + "fixtures by RealNetworkTests.";
        }
    }
}

/// <summary>
/// The whole path on a live network: network/network.sh up and deploy of the evidence contract, transactions by the
/// users whose roles it checks, blocks fetched from a peer with the peer CLI (capture-real-network.sh), a bundle built
/// from them and verified. Uses its own state folder and ports (27xxx) so it can run beside the integration tests'
/// network; FABRIC_EVIDENCE_NETWORK_STATE names a running network to use instead (left running). With
/// VERIFICATION_FIXTURES_OUT set, the capture is copied there (how Fixtures/real-network-* was made).
/// </summary>
public sealed class LiveNetworkTests
{
    private static readonly Dictionary<string, string> Ports = new()
    {
        ["NETWORK_ORDERER1_PORT"] = "27050", ["NETWORK_ORDERER1_ADMIN_PORT"] = "27053", ["NETWORK_ORDERER1_OPERATIONS_PORT"] = "27443",
        ["NETWORK_ORG1_PEER_PORT"] = "27051", ["NETWORK_ORG1_PEER_CHAINCODE_PORT"] = "27052", ["NETWORK_ORG1_PEER_OPERATIONS_PORT"] = "27444",
        ["NETWORK_ORG2_PEER_PORT"] = "27151", ["NETWORK_ORG2_PEER_CHAINCODE_PORT"] = "27152", ["NETWORK_ORG2_PEER_OPERATIONS_PORT"] = "27445",
        ["NETWORK_ORG1_CHAINCODE_PORT"] = "27999", ["NETWORK_ORG2_CHAINCODE_PORT"] = "27998",
    };

    [LiveNetworkFact]
    public async Task Blocks_fetched_from_a_live_network_make_a_bundle_that_verifies()
    {
        var repository = RepositoryRoot();
        var reused = Environment.GetEnvironmentVariable("FABRIC_EVIDENCE_NETWORK_STATE");
        var state = string.IsNullOrEmpty(reused) ? Path.Combine(Path.GetTempPath(), "fe-verify-net-" + Guid.NewGuid().ToString("N")[..8]) : reused;
        var capture = Path.Combine(Path.GetTempPath(), "fe-verify-capture-" + Guid.NewGuid().ToString("N")[..8]);
        var environment = new Dictionary<string, string>(string.IsNullOrEmpty(reused) ? Ports : []) { ["NETWORK_STATE_DIR"] = state };
        try
        {
            if (string.IsNullOrEmpty(reused))
            {
                await RunAsync(repository, environment, "network/network.sh", "up");
                await RunAsync(repository, environment, "network/network.sh", "deploy", "--chaincode-path", "chaincode/FabricEvidence.Evidence.Service", "--policy", "OR('Org1MSP.peer','Org2MSP.peer')");
            }

            await RunAsync(repository, environment, "tests/FabricEvidence.Verification.Tests/capture-real-network.sh", capture);
            var (bundle, file) = await RealNetworkTests.RealBundleAsync(capture);

            var result = await new BundleVerifier().VerifyAsync(bundle, new MemoryStream(file));

            ResultAssert.Verified(result);
            Assert.Equal(5, result.Transactions.Count);

            // The online path: the same item exported through the Gateway (qscc blocks, the contract's history and
            // access records as a judge reads them) gives a bundle that verifies with the same transactions.
            var online = await ExportThroughGatewayAsync(state, bundle.Manifest.Items[0].Id);
            var onlineResult = await new BundleVerifier().VerifyAsync(online, new MemoryStream(file));
            ResultAssert.Verified(onlineResult);
            Assert.Equal(result.Transactions.Select(t => t.TransactionId), onlineResult.Transactions.Select(t => t.TransactionId));
            var fixtures = Environment.GetEnvironmentVariable("VERIFICATION_FIXTURES_OUT");
            if (!string.IsNullOrEmpty(fixtures))
            {
                CopyDirectory(capture, fixtures);
            }
        }
        finally
        {
            if (string.IsNullOrEmpty(reused))
            {
                await RunAsync(repository, environment, "network/network.sh", "down");
            }

            if (Directory.Exists(capture))
            {
                Directory.Delete(capture, recursive: true);
            }
        }
    }

    private static async Task<EvidenceBundle> ExportThroughGatewayAsync(string state, string itemId)
    {
        var settings = File.ReadAllLines(Path.Combine(state, "network.env"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Replace("export ", string.Empty, StringComparison.Ordinal).Trim(), p => p[1].Trim().Trim('"', '\''));
        using var channel = Gateway.FabricChannel.ForAddress("https://" + settings["NETWORK_ORG1_PEER_ADDRESS"], new Gateway.FabricChannelOptions().WithTlsRootCertificateFile(settings["NETWORK_ORG1_TLS_CA"]));
        var credentials = Gateway.Identities.LoadMspDirectory("Org1MSP", settings["NETWORK_ORG1_JUDGE_MSP"]);
        await using var gateway = Gateway.FabricGateway.Connect(new Gateway.GatewayOptions { Channel = channel, Identity = credentials.Identity, Signer = credentials.Signer });
        var exporter = new EvidenceBundleExporter(
            new GatewayBlockSource(gateway.GetNetwork(settings.GetValueOrDefault("NETWORK_CHANNEL", "evidence"))),
            new EvidenceClientItemSource(new Evidence.EvidenceClient(gateway)));
        await Assert.ThrowsAsync<EvidenceItemNotFoundException>(() => exporter.ExportItemAsync("EV-NOT-ON-THE-LEDGER"));
        return await exporter.ExportItemAsync(itemId);
    }

    private static async Task RunAsync(string directory, Dictionary<string, string> environment, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(directory, command)) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        output.Append(await stdout).Append(await stderr);
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FabricEvidence.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (FabricEvidence.slnx) was not found above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
