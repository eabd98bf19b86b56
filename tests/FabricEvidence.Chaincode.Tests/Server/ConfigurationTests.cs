using FabricEvidence.Chaincode.Internal.Shim;
using FabricEvidence.Chaincode.Tests.Shim;

namespace FabricEvidence.Chaincode.Tests.Server;

public class ConfigurationTests
{
    private static readonly LambdaChaincode Echo = new(stub => Task.FromResult(Harness.Ok()));

    private static ChaincodeServerBuilder Builder(Dictionary<string, string?> values, string[]? args = null)
    {
        var builder = ChaincodeServer.CreateBuilder(args ?? []);
        foreach (var (key, value) in values)
        {
            builder.Configuration[key] = value;
        }

        return builder;
    }

    private static string BuildError(ChaincodeServerBuilder builder) => Assert.Throws<InvalidOperationException>(() => builder.Build()).Message;

    [Fact]
    public void A_missing_CHAINCODE_ID_stops_startup_with_instructions()
    {
        var message = BuildError(Builder(new() { ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0" }).AddChaincode(Echo));

        Assert.Contains("CHAINCODE_ID is not set: set it to the package id printed by `peer lifecycle chaincode install`", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var message = BuildError(Builder(new() { ["CHAINCODE_TLS_DISABLED"] = "maybe", ["CHAINCODE_CLIENT_CA_CERT"] = "/nowhere/ca.pem" }));

        Assert.Contains("CHAINCODE_TLS_DISABLED is 'maybe'", message, StringComparison.Ordinal);
        Assert.Contains("CHAINCODE_ID is not set", message, StringComparison.Ordinal);
        Assert.Contains("CHAINCODE_SERVER_ADDRESS is not set", message, StringComparison.Ordinal);
        Assert.Contains("CHAINCODE_CLIENT_CA_CERT is set, but mutual TLS needs TLS", message, StringComparison.Ordinal);
        Assert.Contains("No chaincode is registered", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999", "has no port")]
    [InlineData("0.0.0.0:99999", "not a number between 0 and 65535")]
    [InlineData("0.0.0.0:http", "not a number between 0 and 65535")]
    public void An_invalid_address_is_reported(string address, string expected)
    {
        var message = BuildError(Builder(new() { ["CHAINCODE_SERVER_ADDRESS"] = address, ["CHAINCODE_ID"] = "cc:1" }).AddChaincode(Echo));

        Assert.Contains($"CHAINCODE_SERVER_ADDRESS '{address}' is not a valid host:port", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0:9999", "0.0.0.0", 9999)]
    [InlineData(":7052", "0.0.0.0", 7052)]
    [InlineData("*:7052", "0.0.0.0", 7052)]
    [InlineData("localhost:1", "127.0.0.1", 1)]
    [InlineData("[::1]:7052", "::1", 7052)]
    [InlineData("10.1.2.3:0", "10.1.2.3", 0)]
    public void Addresses_in_the_forms_the_samples_use_are_accepted(string address, string ip, int port)
    {
        Assert.True(ServerConfiguration.TryParseAddress(address, out var endpoint, out _));
        Assert.Equal(ip, endpoint!.Address.ToString());
        Assert.Equal(port, endpoint.Port);
    }

    [Fact]
    public void TLS_needs_both_certificate_and_key_and_readable_files()
    {
        var onlyCert = BuildError(Builder(new() { ["CHAINCODE_SERVER_ADDRESS"] = ":0", ["CHAINCODE_ID"] = "cc:1", ["CHAINCODE_TLS_CERT"] = "/x/cert.pem" }).AddChaincode(Echo));
        var missingFiles = BuildError(Builder(new()
        {
            ["CHAINCODE_SERVER_ADDRESS"] = ":0",
            ["CHAINCODE_ID"] = "cc:1",
            ["CHAINCODE_TLS_CERT"] = "/nonexistent/cert.pem",
            ["CHAINCODE_TLS_KEY"] = "/nonexistent/key.pem",
        }).AddChaincode(Echo));
        var disabledFalse = BuildError(Builder(new() { ["CHAINCODE_SERVER_ADDRESS"] = ":0", ["CHAINCODE_ID"] = "cc:1", ["CHAINCODE_TLS_DISABLED"] = "false" }).AddChaincode(Echo));

        Assert.Contains("TLS needs both CHAINCODE_TLS_CERT and CHAINCODE_TLS_KEY; only CHAINCODE_TLS_CERT is set", onlyCert, StringComparison.Ordinal);
        Assert.Contains("CHAINCODE_TLS_CERT names the file '/nonexistent/cert.pem', which cannot be read", missingFiles, StringComparison.Ordinal);
        Assert.Contains("CHAINCODE_TLS_KEY names the file '/nonexistent/key.pem'", missingFiles, StringComparison.Ordinal);
        Assert.Contains("CHAINCODE_TLS_DISABLED is false but no TLS certificate is configured", disabledFalse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CHAINCODE_TLS_DISABLED_true_ignores_configured_certificate_files()
    {
        var builder = Builder(new()
        {
            ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:0",
            ["CHAINCODE_ID"] = "cc:1",
            ["CHAINCODE_TLS_DISABLED"] = "true",
            ["CHAINCODE_TLS_CERT"] = "/nonexistent/cert.pem",
            ["CHAINCODE_TLS_KEY"] = "/nonexistent/key.pem",
        }).AddChaincode(Echo);

        await using var server = builder.Build();

        Assert.Null(server.Options.TlsCertificate);
    }

    [Fact]
    public async Task Inline_PEM_command_line_arguments_and_the_Java_shims_id_variable_are_accepted()
    {
        using var certs = TestCertificates.Create();
        var builder = Builder(new()
        {
            ["CORE_CHAINCODE_ID_NAME"] = "legacy:2",
            ["CHAINCODE_TLS_CERT"] = File.ReadAllText(certs.ServerPem),
            ["CHAINCODE_TLS_KEY"] = File.ReadAllText(certs.ServerKeyPem),
        }, ["--CHAINCODE_SERVER_ADDRESS=127.0.0.1:0", "--CORE_PEER_LOCALMSPID=Org9MSP"]).AddChaincode(Echo);

        await using var server = builder.Build();

        Assert.Equal("legacy:2", server.Options.ChaincodeId);
        Assert.Equal("127.0.0.1:0", server.Options.Address);
        Assert.Equal("Org9MSP", server.Options.LocalMspId);
        Assert.True(server.Options.TlsCertificate!.HasPrivateKey);
    }

    [Fact]
    public void More_than_one_chaincode_is_refused()
    {
        var message = BuildError(Builder(new() { ["CHAINCODE_SERVER_ADDRESS"] = ":0", ["CHAINCODE_ID"] = "cc:1" }).AddChaincode(Echo).AddChaincode<ReferenceChaincodeAlias>());

        Assert.Contains("2 chaincodes are registered", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_set_in_code_override_the_environment_and_the_chaincode_comes_from_dependency_injection()
    {
        var builder = Builder(new() { ["CHAINCODE_SERVER_ADDRESS"] = "127.0.0.1:1", ["CHAINCODE_ID"] = "env:1" })
            .AddChaincode<ReferenceChaincodeAlias>()
            .ConfigureOptions(o =>
            {
                o.Address = "127.0.0.1:0";
                o.ChaincodeId = "code:1";
            });

        await using var server = builder.Build();
        await server.StartAsync();
        await using var peer = await FabricEvidence.Chaincode.ProtocolPeer.TestPeer.ConnectAsync($"http://127.0.0.1:{server.Port}");
        var result = await peer.InvokeAsync("get", "nothing");

        Assert.Equal("code:1", peer.RegisteredChaincodeId);
        Assert.Equal(200, result.Status);
    }

    private sealed class ReferenceChaincodeAlias : IChaincode
    {
        private readonly FabricEvidence.Chaincode.ProtocolPeer.ReferenceChaincode _inner = new();

        public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => _inner.InitAsync(stub, cancellationToken);

        public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken) => _inner.InvokeAsync(stub, cancellationToken);
    }
}
