using System.Diagnostics;
using System.Text.Json;
using FabricEvidence.Gateway;
using Grpc.Core;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// One Fabric network for the whole test run: started with <c>network/network.sh up</c> and <c>deploy</c> in a
/// state folder of its own and stopped with <c>down</c> at the end, or, when FABRIC_EVIDENCE_NETWORK_STATE names
/// the state folder of a running network, that network as it is (left running afterwards).
/// </summary>
/// <remarks>
/// Two chaincodes are deployed side by side: the contract-API sample as <c>sample</c> (the SDK scenarios, under the
/// AND policy they rely on) and the product's evidence contract as <c>evidence</c> (network.sh deploy's default).
/// </remarks>
public sealed class FabricNetwork : IAsyncLifetime
{
    /// <summary>The endorsement policy the SDK scenarios deploy the sample with and rely on.</summary>
    public const string BothOrganisationsPolicy = "AND('Org1MSP.peer','Org2MSP.peer')";

    /// <summary>The chaincode name of the contract-API sample the SDK scenarios run against.</summary>
    public const string SampleChaincode = "sample";

    /// <summary>The chaincode name of the product's evidence contract (network.sh deploy's default).</summary>
    public const string EvidenceChaincode = "evidence";

    // Bounds on every network.sh call, so that a network that cannot start fails the run with network.sh's own
    // message instead of hanging it. up takes seconds; deploy builds the chaincode (about a minute on a busy
    // machine) and then waits at most its own 120 s for the services.
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DeployTimeout = TimeSpan.FromMinutes(6);

    private static readonly TimeSpan DownTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan PeerTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan GatewayReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly IMessageSink _diagnostics;
    private bool _startedHere;
    private Dictionary<string, string> _network = new();
    private Dictionary<string, string> _chaincode = new();
    private Dictionary<string, string> _evidence = new();

    public FabricNetwork(IMessageSink diagnostics)
    {
        _diagnostics = diagnostics;
    }

    public static string RepositoryRoot { get; } = FindRoot();

    public static string NetworkScript => Path.Combine(RepositoryRoot, "network", "network.sh");

    public string StateDir { get; private set; } = string.Empty;

    public string Channel => Network("NETWORK_CHANNEL");

    public string ChaincodeName => Chaincode("CHAINCODE_NAME");

    /// <summary>The call network.sh used to check that the chaincode answers: valid for any deployed chaincode.</summary>
    public string ReadyArgs => Chaincode("CHAINCODE_READY_ARGS");

    public string ChaincodePolicy => Chaincode("CHAINCODE_POLICY");

    public string OrdererAddress => Network("NETWORK_ORDERER_ADDRESS");

    public string OrdererTlsCa => Network("NETWORK_ORDERER_TLS_CA");

    public string PeerAddress(int org) => Network($"NETWORK_ORG{org}_PEER_ADDRESS");

    public string PeerTlsCa(int org) => Network($"NETWORK_ORG{org}_TLS_CA");

    /// <summary>What a client of organisation <paramref name="org"/> (1 or 2) needs to reach its peer's Gateway.</summary>
    public NetworkOrganisation Organisation(int org) => new(
        Network($"NETWORK_ORG{org}_MSP_ID"),
        PeerAddress(org),
        PeerTlsCa(org),
        Network($"NETWORK_ORG{org}_PEER_HOST_NAME"),
        new Dictionary<NetworkUser, string>
        {
            [NetworkUser.User] = Network($"NETWORK_ORG{org}_USER_MSP"),
            [NetworkUser.Investigator] = Network($"NETWORK_ORG{org}_INVESTIGATOR_MSP"),
            [NetworkUser.Custodian] = Network($"NETWORK_ORG{org}_CUSTODIAN_MSP"),
            [NetworkUser.Storage] = Network($"NETWORK_ORG{org}_STORAGE_MSP"),
            [NetworkUser.Prosecutor] = Network($"NETWORK_ORG{org}_PROSECUTOR_MSP"),
            [NetworkUser.Judge] = Network($"NETWORK_ORG{org}_JUDGE_MSP"),
        });

    /// <summary>The process id of organisation <paramref name="org"/>'s chaincode service, as network.sh recorded it.</summary>
    public int ChaincodeServicePid(int org)
    {
        var record = Path.Combine(StateDir, "pids", $"chaincode.{ChaincodeName}.org{org}");
        var first = File.Exists(record) ? File.ReadLines(record).FirstOrDefault() : null;
        return int.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            ? pid
            : throw new InvalidOperationException($"No chaincode service of Org{org} is recorded in {record}.");
    }

    /// <summary>Starts the deployed chaincode services again (<c>network.sh restart-chaincode</c>) and waits until both peers reach them.</summary>
    public async Task RestartChaincodeAsync()
    {
        var result = await RunScriptAsync(RestartTimeout, "restart-chaincode", "--name", ChaincodeName);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("network.sh restart-chaincode failed: " + result);
        }
    }

    public async Task InitializeAsync()
    {
        if (NetworkEnvironment.SkipReason is { } reason)
        {
            // Every test of the collection is skipped; say why once, in plain words, in the run's output.
            Report("Integration tests skipped. " + reason);
            return;
        }

        if (NetworkEnvironment.ReuseStateDir is { } reuse)
        {
            StateDir = Path.GetFullPath(reuse);
            Report($"Using the running network in {StateDir} ({NetworkEnvironment.ReuseVariable}).");
        }
        else
        {
            StateDir = Path.Combine(NetworkEnvironment.StateRoot, "fabric-evidence-it-" + Guid.NewGuid().ToString("N")[..8]);
            await StartAsync();
        }

        _network = ReadEnvFile(Path.Combine(StateDir, "network.env"));
        if (Network("NETWORK_STATUS") != "up")
        {
            throw new InvalidOperationException($"The network in {StateDir} is not up (NETWORK_STATUS={Network("NETWORK_STATUS")}).");
        }

        // Two chaincodes side by side: the contract-API sample for the SDK scenarios and the evidence contract.
        var sample = Path.Combine(StateDir, "chaincode", SampleChaincode, "deploy.env");
        var evidence = Path.Combine(StateDir, "chaincode", EvidenceChaincode, "deploy.env");
        if (!File.Exists(sample) || !File.Exists(evidence))
        {
            throw new InvalidOperationException(
                $"Expected the chaincodes '{SampleChaincode}' and '{EvidenceChaincode}' deployed in {StateDir}/chaincode; run network.sh deploy for each (see tests/FabricEvidence.IntegrationTests).");
        }

        _chaincode = ReadEnvFile(sample);
        _evidence = ReadEnvFile(evidence);
        await WaitUntilGatewaysCanEndorseAsync();
    }

    /// <summary>
    /// Waits until each peer's Gateway can endorse under the definition's policy. The peers answer as soon as deploy
    /// ends, but a Gateway plans endorsements from what gossip has told it about the other peer's chaincodes, which
    /// may lag a few seconds ("no combination of peers can be derived..."). The proposal endorsed is the readiness
    /// call, and it is never submitted, so nothing is written.
    /// </summary>
    private async Task WaitUntilGatewaysCanEndorseAsync()
    {
        using var ready = JsonDocument.Parse(ReadyArgs);
        var function = ready.RootElement.TryGetProperty("function", out var named) ? named.GetString()! : null;
        var args = ready.RootElement.GetProperty("Args").EnumerateArray().Select(a => a.GetString()!).ToList();
        if (function is null)
        {
            function = args[0];
            args.RemoveAt(0);
        }

        var clock = Stopwatch.StartNew();
        foreach (var org in new[] { 1, 2 })
        {
            await using var client = GatewayConnection.Connect(this, org);
            while (true)
            {
                try
                {
                    await client.Chaincode.NewProposal(function, new ProposalOptions().AddArguments([.. args])).EndorseAsync();
                    break;
                }
                catch (EndorseException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && clock.Elapsed < GatewayReadyTimeout)
                {
                    await Task.Delay(250);
                }
            }
        }

        Report($"Both Gateways endorse under the chaincode's policy ({clock.Elapsed.TotalSeconds:0.0}s after deploy).");
    }

    public async Task DisposeAsync()
    {
        if (!_startedHere)
        {
            return;
        }

        var down = await RunScriptAsync(DownTimeout, "down");
        if (down.ExitCode != 0)
        {
            Report("network.sh down failed; processes may be left running: " + down);
        }
    }

    /// <summary>Runs the peer CLI as Org<paramref name="org"/>'s client user against that organisation's peer.</summary>
    public Task<ProcessResult> PeerAsync(int org, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["FABRIC_CFG_PATH"] = Network($"NETWORK_ORG{org}_PEER_CONFIG"),
            ["CORE_PEER_LOCALMSPID"] = Network($"NETWORK_ORG{org}_MSP_ID"),
            ["CORE_PEER_MSPCONFIGPATH"] = Network($"NETWORK_ORG{org}_USER_MSP"),
            ["CORE_PEER_ADDRESS"] = PeerAddress(org),
            ["CORE_PEER_TLS_ENABLED"] = "true",
            ["CORE_PEER_TLS_ROOTCERT_FILE"] = PeerTlsCa(org),
        };
        return ProcessRunner.RunAsync(Path.Combine(Network("FABRIC_BIN"), "peer"), arguments, environment, PeerTimeout);
    }

    /// <summary>Runs network/network.sh on this network's state folder.</summary>
    public Task<ProcessResult> RunScriptAsync(TimeSpan timeout, params string[] arguments) =>
        ProcessRunner.RunAsync(
            "bash",
            new[] { NetworkScript }.Concat(arguments),
            new Dictionary<string, string?> { ["NETWORK_STATE_DIR"] = StateDir },
            timeout);

    private async Task StartAsync()
    {
        var started = DateTime.UtcNow;
        var up = await RunScriptAsync(UpTimeout, "up");
        if (up.ExitCode != 0)
        {
            // network.sh up removes what it started when it fails.
            throw new InvalidOperationException("The Fabric network did not start: " + up);
        }

        _startedHere = true;
        var upDone = DateTime.UtcNow;
        var deploy = await RunScriptAsync(DeployTimeout, "deploy", "--name", SampleChaincode,
            "--chaincode-path", Path.Combine(RepositoryRoot, "samples", "EvidenceCustody.Chaincode"), "--policy", BothOrganisationsPolicy);
        if (deploy.ExitCode != 0)
        {
            await DisposeAsync();
            throw new InvalidOperationException("The sample chaincode could not be deployed: " + deploy);
        }

        // The product's contract with network.sh's defaults: its collections and its recommended policy.
        deploy = await RunScriptAsync(DeployTimeout, "deploy");
        if (deploy.ExitCode != 0)
        {
            await DisposeAsync();
            throw new InvalidOperationException("The evidence contract could not be deployed: " + deploy);
        }

        Report($"Fabric network up in {(upDone - started).TotalSeconds:0.0}s, chaincode deployed in " +
               $"{(DateTime.UtcNow - upDone).TotalSeconds:0.0}s (state: {StateDir}).");
    }

    private string Network(string key) => Lookup(_network, key, "network.env");

    private string Chaincode(string key) => Lookup(_chaincode, key, "deploy.env");

    /// <summary>The evidence contract's endorsement policy as deployed.</summary>
    public string EvidencePolicy => Lookup(_evidence, "CHAINCODE_POLICY", "evidence/deploy.env");

    private static string Lookup(Dictionary<string, string> values, string key, string file) =>
        values.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"{key} is missing from {file}; was the network started by this version of network.sh?");

    private static Dictionary<string, string> ReadEnvFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist; no network.sh network is up there.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || separator <= 0)
            {
                continue;
            }

            values[line[..separator]] = line[(separator + 1)..];
        }

        return values;
    }

    private void Report(string message) => _diagnostics.OnMessage(new DiagnosticMessage(message));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "network", "network.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (network/network.sh) above " + AppContext.BaseDirectory);
    }
}

/// <summary>The tests that share the one network (an xunit collection).</summary>
[CollectionDefinition(Name)]
public sealed class FabricNetworkGroup : ICollectionFixture<FabricNetwork>
{
    public const string Name = "Fabric network";
}
