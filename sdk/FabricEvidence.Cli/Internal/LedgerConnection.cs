using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Cli.Commands;
using FabricEvidence.Evidence;
using FabricEvidence.Gateway;
using Grpc.Net.Client;

namespace FabricEvidence.Cli.Internal;

/// <summary>
/// A connection to the ledger as one identity: the options, connection profile and network.env resolved into an MSP
/// folder, a peer and a channel; the gateway and the typed evidence client over it.
/// </summary>
internal sealed class LedgerConnection : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly IGateway _gateway;

    private LedgerConnection(GrpcChannel channel, IGateway gateway, MspCredentials credentials, string peer, EvidenceClient evidence, string mspDirectory, string channelName)
    {
        _channel = channel;
        _gateway = gateway;
        Network = gateway.GetNetwork(channelName);
        Credentials = credentials;
        Peer = peer;
        Evidence = evidence;
        MspDirectory = mspDirectory;
        ChannelName = channelName;
    }

    /// <summary>The gateway, for clients of other contracts (the identity commands).</summary>
    public IGateway Gateway => _gateway;

    /// <summary>The MSP folder the identity was loaded from (an issuer also signs credentials with its key).</summary>
    public string MspDirectory { get; }

    public string ChannelName { get; }

    public EvidenceClient Evidence { get; }

    /// <summary>The channel the evidence client uses, for what the typed client does not cover (blocks through qscc).</summary>
    public INetwork Network { get; }

    public MspCredentials Credentials { get; }

    public string Peer { get; }

    public string MspId => Credentials.Identity.MspId;

    public X509Certificate2 Certificate => Credentials.Identity.Certificate;

    /// <summary>Resolves the settings (options first, then the connection profile, then network.env) and connects.</summary>
    public static LedgerConnection Open(ConnectionSettings settings, CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var network = LoadNetworkEnvironment(settings, environment);
        var profile = settings.Profile is { } profilePath
            ? File.Exists(profilePath) ? ConnectionProfile.Load(profilePath) : throw new CliException(ExitCodes.NotFound, $"The connection profile '{profilePath}' does not exist; check --profile.")
            : null;

        var mspId = settings.MspId ?? profile?.MspId ?? (network?[$"NETWORK_ORG{settings.Org ?? 1}_MSP_ID"]);
        var org = settings.Org ?? (mspId is not null ? network?.OrganisationOf(mspId) : null) ?? 1;
        if (settings.Org is { } chosen && network is not null && network[$"NETWORK_ORG{chosen}_MSP_ID"] is null)
        {
            throw new CliException(ExitCodes.Usage, $"network.env ({network.Path}) has no organisation {chosen}; use --org 1 or --org 2.");
        }

        if (mspId is null)
        {
            throw new CliException(ExitCodes.Usage, "No MSP id: pass --msp-id (e.g. Org1MSP), a --profile, or start the local network so that network.env names it.");
        }

        var mspDirectory = settings.Msp;
        if (mspDirectory is null)
        {
            var role = (settings.User ?? settings.DefaultUser).ToUpperInvariant();
            mspDirectory = network?[$"NETWORK_ORG{org}_{role}_MSP"]
                ?? throw new CliException(ExitCodes.Usage, network is null
                    ? "No identity: pass --msp DIR (an MSP folder) and --msp-id, or --network-env of a running network with --user ROLE."
                    : $"network.env ({network.Path}) has no user '{settings.User ?? settings.DefaultUser}' for organisation {org}; pass --msp DIR or a --user it lists (investigator, storage, custodian, prosecutor, judge, admin).");
        }

        if (!Directory.Exists(mspDirectory))
        {
            throw new CliException(ExitCodes.NotFound, $"The MSP folder '{mspDirectory}' does not exist; check --msp (or whether the network in network.env is still up).");
        }

        MspCredentials credentials;
        try
        {
            credentials = Identities.LoadMspDirectory(mspId, mspDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new CliException(ExitCodes.Usage, $"Cannot load the identity from '{mspDirectory}': {ex.Message.TrimEnd('.')}. Pass an MSP folder with signcerts/ and keystore/.");
        }

        var peer = settings.Peer ?? profile?.PeerUrl ?? network?[$"NETWORK_ORG{org}_PEER_ADDRESS"]
            ?? throw new CliException(ExitCodes.Usage, "No peer: pass --peer host:port, a --profile, or --network-env of a running network.");
        var channelOptions = new FabricChannelOptions { ServerNameOverride = settings.Peer is null ? profile?.ServerNameOverride : null };
        var tlsCa = settings.TlsCa ?? (settings.Peer is null && profile is null ? network?[$"NETWORK_ORG{org}_TLS_CA"] : null);
        try
        {
            if (tlsCa is not null)
            {
                if (!File.Exists(tlsCa))
                {
                    throw new CliException(ExitCodes.NotFound, $"The TLS CA certificate '{tlsCa}' does not exist; check --tls-ca.");
                }

                channelOptions.WithTlsRootCertificateFile(tlsCa);
            }
            else if (settings.Peer is null && profile?.TlsCaPem is { } pem)
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPem(pem);
                channelOptions.TlsRootCertificates = roots;
            }
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new CliException(ExitCodes.Usage, $"The TLS CA certificate cannot be read ({ex.Message.TrimEnd('.')}); pass a PEM file with --tls-ca.");
        }

        GrpcChannel channel;
        try
        {
            channel = FabricChannel.ForAddress(peer, channelOptions);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ExitCodes.Usage, ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }

        var gateway = FabricGateway.Connect(new GatewayOptions
        {
            Channel = channel,
            Identity = credentials.Identity,
            Signer = credentials.Signer,
        });
        var channelName = settings.Channel ?? network?["NETWORK_CHANNEL"] ?? "evidence";
        var evidence = new EvidenceClient(gateway, new EvidenceClientOptions
        {
            ChannelName = channelName,
            ChaincodeName = settings.Chaincode ?? "evidence",
        });
        return new LedgerConnection(channel, gateway, credentials, peer, evidence, mspDirectory, channelName);
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync().ConfigureAwait(false);
        _channel.Dispose();
    }

    private static NetworkEnvironmentFile? LoadNetworkEnvironment(ConnectionSettings settings, CliEnvironment environment)
    {
        if (settings.NetworkEnv is { } explicitPath)
        {
            return File.Exists(explicitPath)
                ? NetworkEnvironmentFile.Load(explicitPath)
                : throw new CliException(ExitCodes.NotFound, $"'{explicitPath}' does not exist: start the network (network/network.sh up) or pass the network.env it wrote with --network-env.");
        }

        var stateDir = environment.Variable("NETWORK_STATE_DIR");
        var path = stateDir is { Length: > 0 } ? Path.Combine(stateDir, "network.env") : Path.Combine("network", ".state", "network.env");
        if (File.Exists(path))
        {
            return NetworkEnvironmentFile.Load(path);
        }

        // Without network.env everything must come from the options or a profile; say where it was looked for.
        if (settings.Peer is null && settings.Profile is null)
        {
            throw new CliException(ExitCodes.NotFound, $"No network.env at '{path}': start the network (network/network.sh up), set NETWORK_STATE_DIR, or pass --network-env, --profile or --peer.");
        }

        return null;
    }
}
