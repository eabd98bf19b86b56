namespace FabricEvidence.IntegrationTests;

/// <summary>What the integration tests need from the machine, read from the environment.</summary>
internal static class NetworkEnvironment
{
    /// <summary>The folder with Hyperledger Fabric's binaries; the tests start their own network with them.</summary>
    public const string FabricBinVariable = "FABRIC_BIN";

    /// <summary>The state folder of a network that is already up with a chaincode deployed; the tests use it as is.</summary>
    public const string ReuseVariable = "FABRIC_EVIDENCE_NETWORK_STATE";

    /// <summary>
    /// The folder in which the tests create their network's state folder (default: the system's temporary folder).
    /// tests/run-tests.sh sets it, so that it can stop a network the test run could not stop itself (a killed run).
    /// </summary>
    public const string StateRootVariable = "FABRIC_EVIDENCE_NETWORK_ROOT";

    public static string? FabricBin => Value(FabricBinVariable);

    public static string StateRoot => Value(StateRootVariable) ?? Path.GetTempPath();

    public static string? ReuseStateDir => Value(ReuseVariable);

    /// <summary>Why the network tests cannot run here, or <see langword="null"/> when they can.</summary>
    public static string? SkipReason =>
        FabricBin is null && ReuseStateDir is null
            ? $"{FabricBinVariable} is not set: the integration tests start a Fabric network with Hyperledger Fabric's " +
              "binaries (peer, orderer, configtxgen, osnadmin, cryptogen). Set FABRIC_BIN to the folder holding them, or " +
              $"{ReuseVariable} to the state folder of a network already started with network/network.sh up and deploy."
            : null;

    private static string? Value(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
