using System.Globalization;

namespace GatewaySample;

/// <summary>The sample's command line.</summary>
internal sealed class SampleOptions
{
    public const string Usage = """
        Usage: GatewaySample --peer <endpoint> --msp-id <id> (--msp-dir <dir> | --cert <pem> [--key <pem>])
                             [--tls-cert <pem>] [--server-name <name>] [--channel <name>] [--chaincode <name>]
                             <command> [arguments]

        Commands:
          evaluate <transaction> [args...]   evaluate a transaction and print its result
          submit <transaction> [args...]     submit a transaction, wait for it to commit, and print its result
          events [start-block]               print chaincode events until Ctrl+C (from the next block by default)

        Options:
          --peer         the peer's Gateway endpoint: https://host:port, http://host:port, or host:port (TLS)
          --tls-cert     PEM file with the peer's TLS CA certificate (for example tlsca/tlsca.org1.example.com-cert.pem)
          --server-name  the host name in the peer's TLS certificate, when it differs from the endpoint's host
          --msp-id       the client's MSP ID, for example Org1MSP
          --msp-dir      the client's MSP folder (signcerts/ and keystore/)
          --cert, --key  the client's PEM certificate and private key, instead of --msp-dir
          --channel      the channel (default: mychannel)
          --chaincode    the chaincode (default: basic)

        Example (Fabric's test network):
          GatewaySample --peer localhost:7051 --tls-cert .../peers/peer0.org1.example.com/tls/ca.crt \
            --server-name peer0.org1.example.com --msp-id Org1MSP --msp-dir .../users/User1@org1.example.com/msp \
            evaluate GetAllAssets
        """;

    public required string Endpoint { get; init; }

    public string? TlsCertificatePath { get; init; }

    public string? ServerNameOverride { get; init; }

    public required string MspId { get; init; }

    public string? MspDirectory { get; init; }

    public string? CertificatePath { get; init; }

    public string? PrivateKeyPath { get; init; }

    public string Channel { get; init; } = "mychannel";

    public string Chaincode { get; init; } = "basic";

    public required string Command { get; init; }

    public string? TransactionName { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

    public ulong? StartBlock { get; init; }

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">The command line is incomplete or wrong; the message says how.</exception>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (positional.Count == 0 && arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg is not ("--peer" or "--tls-cert" or "--server-name" or "--msp-id" or "--msp-dir" or "--cert" or "--key" or "--channel" or "--chaincode"))
                {
                    throw new ArgumentException($"Unknown option '{arg}'.");
                }

                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Option '{arg}' needs a value.");
                }

                if (!named.TryAdd(arg, args[++i]))
                {
                    throw new ArgumentException($"Option '{arg}' is given twice.");
                }
            }
            else
            {
                positional.Add(arg);
            }
        }

        string Required(string name) => named.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"Option '{name}' is required.");

        var mspDirectory = named.GetValueOrDefault("--msp-dir");
        var certificate = named.GetValueOrDefault("--cert");
        if ((mspDirectory is null) == (certificate is null))
        {
            throw new ArgumentException("Give the identity with either --msp-dir, or --cert (and --key).");
        }

        if (named.ContainsKey("--key") && certificate is null)
        {
            throw new ArgumentException("Option '--key' goes with '--cert'.");
        }

        if (positional.Count == 0)
        {
            throw new ArgumentException("No command: use evaluate, submit or events.");
        }

        var command = positional[0];
        string? transaction = null;
        ulong? startBlock = null;
        var arguments = Array.Empty<string>();
        switch (command)
        {
            case "evaluate" or "submit":
                if (positional.Count < 2)
                {
                    throw new ArgumentException($"'{command}' needs a transaction name.");
                }

                transaction = positional[1];
                arguments = positional.Skip(2).ToArray();
                break;
            case "events":
                if (positional.Count > 2)
                {
                    throw new ArgumentException("'events' takes at most a start block.");
                }

                if (positional.Count == 2)
                {
                    startBlock = ulong.TryParse(positional[1], NumberStyles.None, CultureInfo.InvariantCulture, out var block)
                        ? block
                        : throw new ArgumentException($"Start block '{positional[1]}' is not a block number.");
                }

                break;
            default:
                throw new ArgumentException($"Unknown command '{command}': use evaluate, submit or events.");
        }

        return new SampleOptions
        {
            Endpoint = Required("--peer"),
            TlsCertificatePath = named.GetValueOrDefault("--tls-cert"),
            ServerNameOverride = named.GetValueOrDefault("--server-name"),
            MspId = Required("--msp-id"),
            MspDirectory = mspDirectory,
            CertificatePath = certificate,
            PrivateKeyPath = named.GetValueOrDefault("--key"),
            Channel = named.GetValueOrDefault("--channel") ?? "mychannel",
            Chaincode = named.GetValueOrDefault("--chaincode") ?? "basic",
            Command = command,
            TransactionName = transaction,
            Arguments = arguments,
            StartBlock = startBlock,
        };
    }
}
