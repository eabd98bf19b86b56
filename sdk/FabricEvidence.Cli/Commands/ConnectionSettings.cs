using System.ComponentModel;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>The options every command that talks to the ledger shares: who signs, which peer, which network.</summary>
internal class ConnectionSettings : CommandSettings
{
    [CommandOption("--msp <DIR>")]
    [Description("MSP folder of the identity that signs (signcerts/ and keystore/). Default: the --user of --org from network.env.")]
    public string? Msp { get; init; }

    [CommandOption("--msp-id <ID>")]
    [Description("MSP id of that identity (Org1MSP). Default: from the connection profile or network.env.")]
    public string? MspId { get; init; }

    [CommandOption("--user <ROLE>")]
    [Description("A user of the local network by role: investigator, storage, custodian, prosecutor, judge, ... (with --org). Default: investigator.")]
    public string? User { get; init; }

    [CommandOption("--org <N>")]
    [Description("Organisation number in network.env (1 or 2). Default: the one of --msp-id, else 1.")]
    public int? Org { get; init; }

    [CommandOption("--profile <FILE>")]
    [Description("A Fabric connection profile (JSON): the client organisation's MSP id, peer URL and TLS CA.")]
    public string? Profile { get; init; }

    [CommandOption("--network-env <FILE>")]
    [Description("The network.env of network/network.sh up. Default: $NETWORK_STATE_DIR/network.env, else network/.state/network.env.")]
    public string? NetworkEnv { get; init; }

    [CommandOption("--peer <URL>")]
    [Description("The peer's Gateway: https://host:port, http://host:port (no TLS) or host:port. Default: from the profile or network.env.")]
    public string? Peer { get; init; }

    [CommandOption("--tls-ca <PEM>")]
    [Description("The peer organisation's TLS CA certificate. Default: from the profile or network.env.")]
    public string? TlsCa { get; init; }

    [CommandOption("--channel <NAME>")]
    [Description("The channel. Default: from network.env, else evidence.")]
    public string? Channel { get; init; }

    [CommandOption("--chaincode <NAME>")]
    [Description("The chaincode's name. Default: evidence (identity for the identity commands).")]
    public string? Chaincode { get; init; }

    [CommandOption("--json")]
    [Description("Write JSON (one document, or one line per event) instead of tables, for scripts.")]
    public bool Json { get; init; }

    /// <summary>The network.env user a command signs as without <c>--user</c>: the role its step needs most often.</summary>
    internal virtual string DefaultUser => "investigator";
}
