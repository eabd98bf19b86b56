using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode.ProtocolPeer;

/// <summary>A chaincode server under test: the Node reference chaincode in a child process, or ours in this process.</summary>
public sealed class ChaincodeUnderTest : IAsyncDisposable
{
    private readonly NodeProcess? _node;
    private readonly ChaincodeServer? _server;

    internal ChaincodeUnderTest(string name, string address, NodeProcess? node, ChaincodeServer? server)
    {
        Name = name;
        Address = address;
        _node = node;
        _server = server;
    }

    /// <summary>"node" or "dotnet".</summary>
    public string Name { get; }

    /// <summary>The address a peer dials, http://127.0.0.1:port.</summary>
    public string Address { get; }

    public ChaincodeServer? Server => _server;

    public NodeProcess? NodeProcess => _node;

    public async ValueTask DisposeAsync()
    {
        _node?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Starts the two implementations of the reference chaincode.</summary>
public static class ReferenceServers
{
    public const string ChaincodeId = "refcc:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public const string MspId = "Org1MSP";

    /// <summary>Wraps a chaincode server running in a child process.</summary>
    public static ChaincodeUnderTest Wrap(string name, string address, NodeProcess process) => new(name, address, process, null);

    /// <summary>A port that was free a moment ago (the Node shim cannot report the port it bound to 0).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The Node reference chaincode (fabric-shim), serving on a free port.</summary>
    public static async Task<ChaincodeUnderTest> StartNodeAsync(string chaincodeId = ChaincodeId)
    {
        var port = FreePort();
        var (process, _) = await NodeRunner.StartServerAsync("chaincode", "reference-chaincode.js",
            [port.ToString(System.Globalization.CultureInfo.InvariantCulture), chaincodeId],
            environment: new Dictionary<string, string>
            {
                ["CORE_PEER_LOCALMSPID"] = MspId,
                ["CORE_CHAINCODE_LOGGING_LEVEL"] = "error",
                ["CORE_CHAINCODE_LOGGING_SHIM"] = "error",
            });
        return new ChaincodeUnderTest("node", $"http://127.0.0.1:{port}", process, null);
    }

    /// <summary>Our runtime serving <paramref name="chaincode"/> (the reference chaincode by default) on a free port.</summary>
    public static async Task<ChaincodeUnderTest> StartDotnetAsync(IChaincode? chaincode = null, string chaincodeId = ChaincodeId,
        Action<ChaincodeServerOptions>? configure = null, LogLevel logLevel = LogLevel.Warning, IReadOnlyDictionary<string, string>? configuration = null)
    {
        var builder = ChaincodeServer.CreateBuilder([]);
        builder.Configuration["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0";
        builder.Configuration["CHAINCODE_ID"] = chaincodeId;
        builder.Configuration["CORE_PEER_LOCALMSPID"] = MspId;
        foreach (var (key, value) in configuration ?? new Dictionary<string, string>())
        {
            builder.Configuration[key] = value;
        }

        builder.Logging.SetMinimumLevel(logLevel);
        builder.AddChaincode(chaincode ?? new ReferenceChaincode());
        if (configure is not null)
        {
            builder.ConfigureOptions(configure);
        }

        var server = builder.Build();
        await server.StartAsync();
        var scheme = server.Options.TlsCertificate is null ? "http" : "https";
        return new ChaincodeUnderTest("dotnet", $"{scheme}://127.0.0.1:{server.Port}", null, server);
    }
}
