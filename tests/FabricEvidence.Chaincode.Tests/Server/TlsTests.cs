using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Chaincode.Tests.Shim;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode.Tests.Server;

public class TlsTests
{
    private static readonly LambdaChaincode Echo = new(stub => Task.FromResult(Harness.Ok(stub.FunctionName)));

    [Fact]
    public async Task The_server_serves_TLS_from_the_PEM_files_named_by_the_environment()
    {
        using var certs = TestCertificates.Create();
        await using var server = await ReferenceServers.StartDotnetAsync(Echo, logLevel: LogLevel.Critical, configuration: new Dictionary<string, string>
        {
            ["CHAINCODE_TLS_CERT"] = certs.ServerPem,
            ["CHAINCODE_TLS_KEY"] = certs.ServerKeyPem,
        });
        var options = new TestPeerOptions { Tls = new PeerTlsOptions { RootCertificates = [certs.Ca] } };

        await using var peer = await TestPeer.ConnectAsync(server.Address, options);
        var result = await peer.InvokeAsync("over-tls");

        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);
        Assert.Equal("over-tls", result.Payload);
    }

    [Fact]
    public async Task A_plaintext_peer_cannot_talk_to_a_TLS_server()
    {
        using var certs = TestCertificates.Create();
        await using var server = await ReferenceServers.StartDotnetAsync(Echo, logLevel: LogLevel.Critical, configuration: new Dictionary<string, string>
        {
            ["CHAINCODE_TLS_CERT"] = certs.ServerPem,
            ["CHAINCODE_TLS_KEY"] = certs.ServerKeyPem,
        });

        await Assert.ThrowsAnyAsync<Exception>(() => TestPeer.ConnectAsync(server.Address.Replace("https://", "http://", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_a_client_CA_the_peer_must_present_a_certificate_issued_by_it()
    {
        using var certs = TestCertificates.Create();
        using var stranger = TestCertificates.Create();
        await using var server = await ReferenceServers.StartDotnetAsync(Echo, logLevel: LogLevel.Critical, configuration: new Dictionary<string, string>
        {
            ["CHAINCODE_TLS_CERT"] = certs.ServerPem,
            ["CHAINCODE_TLS_KEY"] = certs.ServerKeyPem,
            ["CHAINCODE_CLIENT_CA_CERT"] = certs.CaPem,
        });

        await using var trusted = await TestPeer.ConnectAsync(server.Address, new TestPeerOptions
        {
            Tls = new PeerTlsOptions { RootCertificates = [certs.Ca], ClientCertificate = certs.Client },
        });
        var result = await trusted.InvokeAsync("mutual");
        await Assert.ThrowsAnyAsync<Exception>(() => TestPeer.ConnectAsync(server.Address, new TestPeerOptions
        {
            Tls = new PeerTlsOptions { RootCertificates = [certs.Ca] },
        }));
        await Assert.ThrowsAnyAsync<Exception>(() => TestPeer.ConnectAsync(server.Address, new TestPeerOptions
        {
            Tls = new PeerTlsOptions { RootCertificates = [certs.Ca], ClientCertificate = stranger.Client },
        }));

        Assert.Equal("mutual", result.Payload);
        Assert.NotNull(server.Server!.Options.ClientCertificateAuthorities);
    }
}
