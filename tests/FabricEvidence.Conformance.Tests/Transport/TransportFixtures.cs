using System.Text.Json;
using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Server;

namespace FabricEvidence.Conformance.Tests.Transport;

/// <summary>How a test connects: plaintext HTTP/2, TLS, or mutual TLS.</summary>
public enum Security
{
    Plaintext,
    Tls,
    MutualTls,
}

/// <summary>The grpc-js reference server (tests/testassets/node/transport/server.js), started once for a test class.</summary>
public sealed class GrpcJsServerFixture : IAsyncLifetime
{
    private NodeProcess? _node;

    internal TestCertificates Certificates { get; private set; } = null!;

    public int PlainPort { get; private set; }

    public int TlsPort { get; private set; }

    public int MutualTlsPort { get; private set; }

    /// <summary>The port of server.js's gzip responder (plain node:http2; see server.js for why).</summary>
    public int GzipPort { get; private set; }

    public async Task InitializeAsync()
    {
        Certificates = TestCertificates.Create();
        var (node, ready) = await NodeRunner.StartServerAsync("transport", "server.js",
            ["--ca", Certificates.CaPem, "--cert", Certificates.ServerPem, "--key", Certificates.ServerKeyPem]);
        _node = node;
        using var ports = JsonDocument.Parse(ready);
        PlainPort = ports.RootElement.GetProperty("plain").GetInt32();
        TlsPort = ports.RootElement.GetProperty("tls").GetInt32();
        MutualTlsPort = ports.RootElement.GetProperty("mtls").GetInt32();
        GzipPort = ports.RootElement.GetProperty("gzip").GetInt32();
    }

    internal GrpcChannel Channel(Security security, Action<GrpcChannelOptions>? configure = null)
    {
        var options = new GrpcChannelOptions();
        string address;
        switch (security)
        {
            case Security.Plaintext:
                address = $"http://127.0.0.1:{PlainPort}";
                break;
            case Security.Tls:
                address = $"https://127.0.0.1:{TlsPort}";
                options.RootCertificates = Certificates.Roots;
                break;
            default:
                address = $"https://127.0.0.1:{MutualTlsPort}";
                options.RootCertificates = Certificates.Roots;
                options.ClientCertificate = Certificates.Client;
                break;
        }

        configure?.Invoke(options);
        return GrpcChannel.ForAddress(address, options);
    }

    public Task DisposeAsync()
    {
        _node?.Dispose();
        Certificates?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Our <see cref="GrpcServer"/> serving conformance.Conformance in plaintext, TLS and mutual TLS, started once for a test class.</summary>
public sealed class OurServerFixture : IAsyncLifetime
{
    private readonly List<GrpcServer> _servers = [];

    internal TestCertificates Certificates { get; private set; } = null!;

    internal ConformanceService Service { get; } = new();

    public int PlainPort { get; private set; }

    public int TlsPort { get; private set; }

    public int MutualTlsPort { get; private set; }

    public async Task InitializeAsync()
    {
        Certificates = TestCertificates.Create();
        PlainPort = await StartAsync(new GrpcServerOptions());
        TlsPort = await StartAsync(new GrpcServerOptions { Certificate = Certificates.Server });
        MutualTlsPort = await StartAsync(new GrpcServerOptions { Certificate = Certificates.Server, ClientCertificateAuthorities = Certificates.Roots });
    }

    private async Task<int> StartAsync(GrpcServerOptions options)
    {
        var server = new GrpcServer(Service.Registry(), options);
        _servers.Add(server);
        await server.StartAsync();
        return server.Port;
    }

    public int Port(Security security) => security switch
    {
        Security.Plaintext => PlainPort,
        Security.Tls => TlsPort,
        _ => MutualTlsPort,
    };

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Certificates?.Dispose();
    }
}
