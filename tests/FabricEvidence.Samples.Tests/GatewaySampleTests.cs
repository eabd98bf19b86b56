using FabricEvidence.Gateway.Tests.Infrastructure;
using GatewaySample;

namespace FabricEvidence.Samples.Tests;

public sealed class GatewaySampleTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gateway-sample");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void Full_command_line_is_parsed()
    {
        var options = SampleOptions.Parse(new[]
        {
            "--peer", "localhost:7051", "--tls-cert", "ca.crt", "--server-name", "peer0.org1.example.com",
            "--msp-id", "Org1MSP", "--msp-dir", "msp", "--channel", "evidence", "--chaincode", "custody",
            "submit", "CreateAsset", "a1", "--not-an-option",
        });

        Assert.Equal("localhost:7051", options.Endpoint);
        Assert.Equal("ca.crt", options.TlsCertificatePath);
        Assert.Equal("peer0.org1.example.com", options.ServerNameOverride);
        Assert.Equal("Org1MSP", options.MspId);
        Assert.Equal("msp", options.MspDirectory);
        Assert.Equal("evidence", options.Channel);
        Assert.Equal("custody", options.Chaincode);
        Assert.Equal("submit", options.Command);
        Assert.Equal("CreateAsset", options.TransactionName);
        Assert.Equal(new[] { "a1", "--not-an-option" }, options.Arguments);
    }

    [Fact]
    public void Defaults_apply_to_channel_and_chaincode_and_events_take_a_start_block()
    {
        var options = SampleOptions.Parse(new[] { "--peer", "p:1", "--msp-id", "M", "--cert", "c.pem", "--key", "k.pem", "events", "12" });

        Assert.Equal("mychannel", options.Channel);
        Assert.Equal("basic", options.Chaincode);
        Assert.Equal(12UL, options.StartBlock);
        Assert.Equal("k.pem", options.PrivateKeyPath);
    }

    [Theory]
    [InlineData("No command", "--peer", "p:1", "--msp-id", "M", "--msp-dir", "d")]
    [InlineData("'--peer' is required", "--msp-id", "M", "--msp-dir", "d", "evaluate", "Tx")]
    [InlineData("'--msp-id' is required", "--peer", "p:1", "--msp-dir", "d", "evaluate", "Tx")]
    [InlineData("either --msp-dir", "--peer", "p:1", "--msp-id", "M", "evaluate", "Tx")]
    [InlineData("either --msp-dir", "--peer", "p:1", "--msp-id", "M", "--msp-dir", "d", "--cert", "c", "evaluate", "Tx")]
    [InlineData("needs a transaction name", "--peer", "p:1", "--msp-id", "M", "--msp-dir", "d", "submit")]
    [InlineData("Unknown command 'query'", "--peer", "p:1", "--msp-id", "M", "--msp-dir", "d", "query", "Tx")]
    [InlineData("Unknown option '--port'", "--port", "1", "evaluate", "Tx")]
    [InlineData("needs a value", "--peer", "--msp-id", "M", "evaluate", "Tx")]
    [InlineData("not a block number", "--peer", "p:1", "--msp-id", "M", "--msp-dir", "d", "events", "-1")]
    [InlineData("given twice", "--peer", "p:1", "--peer", "p:2", "evaluate", "Tx")]
    public void Bad_command_lines_say_what_is_wrong(string expected, params string[] args)
    {
        var ex = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(args));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_evaluates_and_submits_against_a_gateway_using_an_MSP_folder()
    {
        var credentials = TestCredentials.Create();
        await using var server = await FakeGatewayServer.StartAsync();
        var msp = Path.Combine(_directory.FullName, "msp");
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        await File.WriteAllTextAsync(Path.Combine(msp, "signcerts", "cert.pem"), credentials.CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(msp, "keystore", "priv_sk"), credentials.PrivateKeyPem);
        var common = new[] { "--peer", server.Address.ToString(), "--msp-id", "Org1MSP", "--msp-dir", msp };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var evaluated = await SampleApp.RunAsync(common.Concat(new[] { "evaluate", "ReadAsset", "a1" }).ToArray(), output, error, CancellationToken.None);
        var submitted = await SampleApp.RunAsync(common.Concat(new[] { "submit", "CreateAsset", "a1", "blue" }).ToArray(), output, error, CancellationToken.None);

        Assert.Equal(string.Empty, error.ToString());
        Assert.Equal(0, evaluated);
        Assert.Equal(0, submitted);
        Assert.Contains("ReadAsset(a1)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Committed in block 7", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("CreateAsset(a1,blue)", output.ToString(), StringComparison.Ordinal);
        Assert.Empty(server.Violations);
    }

    [Fact]
    public async Task Sample_reports_gateway_errors_with_each_peers_detail_and_exit_code_1()
    {
        var credentials = TestCredentials.Create();
        await using var server = await FakeGatewayServer.StartAsync();
        server.FailNext("Endorse", Grpc.Core.StatusCode.Aborted, "failed to endorse", new Protocol.Gateway.ErrorDetail { Address = "peer0:7051", MspId = "Org1MSP", Message = "chaincode response 500, asset exists" });
        var certificatePath = Path.Combine(_directory.FullName, "cert.pem");
        var keyPath = Path.Combine(_directory.FullName, "key.pem");
        await File.WriteAllTextAsync(certificatePath, credentials.CertificatePem);
        await File.WriteAllTextAsync(keyPath, credentials.PrivateKeyPem);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SampleApp.RunAsync(
            new[] { "--peer", server.Address.ToString(), "--msp-id", "Org1MSP", "--cert", certificatePath, "--key", keyPath, "submit", "CreateAsset", "a1" },
            output, error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("Endorsing transaction 'CreateAsset'", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("peer0:7051 (Org1MSP): chaincode response 500, asset exists", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_prints_usage_and_exit_code_2_for_a_bad_command_line()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SampleApp.RunAsync(new[] { "evaluate" }, output, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("Usage: GatewaySample", error.ToString(), StringComparison.Ordinal);
    }
}
