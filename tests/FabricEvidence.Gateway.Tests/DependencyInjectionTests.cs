using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Gateway.DependencyInjection;
using FabricEvidence.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Gateway.Tests;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gateway-di");

    public void Dispose() => _directory.Delete(recursive: true);

    private string WriteMsp(TestCredentials credentials)
    {
        var msp = Path.Combine(_directory.FullName, "msp");
        Directory.CreateDirectory(Path.Combine(msp, "signcerts"));
        Directory.CreateDirectory(Path.Combine(msp, "keystore"));
        File.WriteAllText(Path.Combine(msp, "signcerts", "User1@org1.example.com-cert.pem"), credentials.CertificatePem);
        File.WriteAllText(Path.Combine(msp, "keystore", "priv_sk"), credentials.PrivateKeyPem);
        return msp;
    }

    [Fact]
    public async Task Gateway_bound_from_configuration_with_TLS_and_an_MSP_folder_evaluates()
    {
        var credentials = TestCredentials.Create();
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tlsRequest = new CertificateRequest("CN=peer0.org1.example.com", tlsKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("peer0.org1.example.com");
        tlsRequest.CertificateExtensions.Add(san.Build());
        using var tlsCertificate = tlsRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var tlsRootPath = Path.Combine(_directory.FullName, "tls-ca.pem");
        File.WriteAllText(tlsRootPath, tlsCertificate.ExportCertificatePem());
        await using var server = await FakeGatewayServer.StartAsync(tlsCertificate);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FabricGateway:Endpoint"] = $"127.0.0.1:{server.Address.Port}",
            ["FabricGateway:TlsRootCertificatePath"] = tlsRootPath,
            ["FabricGateway:ServerNameOverride"] = "peer0.org1.example.com",
            ["FabricGateway:MspId"] = "Org1MSP",
            ["FabricGateway:MspDirectory"] = WriteMsp(credentials),
            ["FabricGateway:EvaluateTimeout"] = "00:00:03",
            ["FabricGateway:Hash"] = "SHA256",
            ["FabricGateway:Resilience:EvaluateMaxRetries"] = "0",
        }).Build();
        // The README's opening example:
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFabricGateway(configuration.GetSection("FabricGateway"));
        await using var provider = services.BuildServiceProvider();
        var gateway = provider.GetRequiredService<IGateway>();
        var result = await gateway.GetNetwork("mychannel").GetContract("basic").EvaluateTransactionAsync("ReadAsset", ["a1"]);

        Assert.Same(gateway, provider.GetRequiredService<IGateway>());
        Assert.Equal("ReadAsset(a1)", Encoding.UTF8.GetString(result));
        Assert.Equal("Org1MSP", gateway.Identity.MspId);
        var options = provider.GetRequiredService<IOptionsMonitor<GatewayOptions>>().Get(Options.DefaultName);
        Assert.Equal(TimeSpan.FromSeconds(3), options.EvaluateTimeout);
        Assert.Equal(0, options.Resilience.EvaluateMaxRetries);
        Assert.Equal(2, options.Resilience.SubmitMaxRetries);
        Assert.Same(Hash.Sha256, options.Hash);
        Assert.Empty(server.Violations);
    }

    [Fact]
    public void The_README_opens_with_the_example_a_test_runs()
    {
        var (mirrored, problem) = ReadmeSnippets.IsMirrored("sdk/FabricEvidence.Gateway.DependencyInjection/README.md", "tests/FabricEvidence.Gateway.Tests/DependencyInjectionTests.cs");

        Assert.True(mirrored, problem);
    }

    [Fact]
    public async Task Gateway_configured_in_code_with_certificate_and_key_submits_and_is_disposed_with_the_container()
    {
        var credentials = TestCredentials.Create(PrivateKeyAlgorithm.Ed25519);
        await using var server = await FakeGatewayServer.StartAsync();
        server.Hash = Hash.None;
        var certificatePath = Path.Combine(_directory.FullName, "cert.pem");
        var keyPath = Path.Combine(_directory.FullName, "key.pem");
        File.WriteAllText(certificatePath, credentials.CertificatePem);
        File.WriteAllText(keyPath, credentials.PrivateKeyPem);
        var services = new ServiceCollection();
        services.AddFabricGateway(o =>
        {
            o.Endpoint = server.Address.ToString();
            o.MspId = "Org1MSP";
            o.CertificatePath = certificatePath;
            o.PrivateKeyPath = keyPath;
        });

        IContract contract;
        await using (var provider = services.BuildServiceProvider())
        {
            contract = provider.GetRequiredService<IGateway>().GetNetwork("mychannel").GetContract("basic");
            Assert.Equal("Tx(x)", Encoding.UTF8.GetString(await contract.SubmitTransactionAsync("Tx", ["x"])));
        }

        Assert.Empty(server.Violations);
        Assert.Throws<ObjectDisposedException>(() => contract.NewProposal("Tx"));
    }

    [Fact]
    public void Invalid_connection_settings_are_all_listed_when_the_gateway_is_resolved()
    {
        var services = new ServiceCollection();
        services.AddFabricGateway(o =>
        {
            o.Endpoint = "ftp://peer";
            o.CertificatePath = Path.Combine(_directory.FullName, "missing.pem");
            o.TlsClientCertificatePath = Path.Combine(_directory.FullName, "client.pem");
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IGateway>());

        Assert.Contains(ex.Failures, f => f.Contains("Endpoint 'ftp://peer'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("MspId is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("missing.pem", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("TlsClientCertificatePath and TlsClientKeyPath go together", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_gateway_options_fail_with_the_setting_named()
    {
        var credentials = TestCredentials.Create();
        var services = new ServiceCollection();
        services.AddFabricGateway(
            o =>
            {
                o.Endpoint = "http://127.0.0.1:1";
                o.MspId = "Org1MSP";
                o.MspDirectory = WriteMsp(credentials);
            },
            gateway => gateway.EvaluateTimeout = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IGateway>());

        Assert.Contains("EvaluateTimeout must be positive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_hash_name_in_configuration_is_refused_with_the_names_it_knows()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Hash"] = "MD5" }).Build();
        services.AddFabricGateway(configuration);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<IOptionsMonitor<GatewayOptions>>().Get(Options.DefaultName));

        Assert.Contains("MD5", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_gateways_use_their_own_settings_and_the_handlers_added_to_their_builder()
    {
        var credentials = TestCredentials.Create();
        await using var first = await FakeGatewayServer.StartAsync();
        await using var second = await FakeGatewayServer.StartAsync();
        var msp = WriteMsp(credentials);
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddFabricGateway("org1", o => { o.Endpoint = first.Address.ToString(); o.MspId = "Org1MSP"; o.MspDirectory = msp; });
        services.AddFabricGateway("org2", o => { o.Endpoint = second.Address.ToString(); o.MspId = "Org1MSP"; o.MspDirectory = msp; })
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IFabricGatewayFactory>();

        var one = await factory.GetGateway("org1").GetNetwork("mychannel").GetContract("basic").EvaluateTransactionAsync("Read", ["a"]);
        var two = await factory.GetGateway("org2").GetNetwork("mychannel").GetContract("basic").EvaluateTransactionAsync("Read", ["b"]);

        Assert.Equal("Read(a)", Encoding.UTF8.GetString(one));
        Assert.Equal("Read(b)", Encoding.UTF8.GetString(two));
        Assert.Equal(1, first.Calls("Evaluate"));
        Assert.Equal(1, second.Calls("Evaluate"));
        Assert.Equal(["/gateway.Gateway/Evaluate"], seen);
        Assert.Same(factory.GetGateway("org1"), factory.GetGateway("org1"));
        Assert.Null(provider.GetService<IGateway>());
        var unknown = Assert.Throws<InvalidOperationException>(() => factory.GetGateway("org3"));
        Assert.Contains("org1, org2", unknown.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add(request.RequestUri!.AbsolutePath);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public void Key_that_does_not_match_the_certificate_fails_when_the_gateway_is_resolved()
    {
        var alice = TestCredentials.Create();
        var bob = TestCredentials.Create(commonName: "bob");
        var certificatePath = Path.Combine(_directory.FullName, "alice.pem");
        var keyPath = Path.Combine(_directory.FullName, "bob_sk");
        File.WriteAllText(certificatePath, alice.CertificatePem);
        File.WriteAllText(keyPath, bob.PrivateKeyPem);
        var services = new ServiceCollection();
        services.AddFabricGateway(o =>
        {
            o.Endpoint = "http://127.0.0.1:1";
            o.MspId = "Org1MSP";
            o.CertificatePath = certificatePath;
            o.PrivateKeyPath = keyPath;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IGateway>());

        Assert.Contains("does not match", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_keeps_one_gateway()
    {
        var services = new ServiceCollection();
        services.AddFabricGateway(o => o.Endpoint = "http://127.0.0.1:1");
        services.AddFabricGateway(o => o.MspId = "Org1MSP");

        Assert.Single(services, d => d.ServiceType == typeof(IGateway));
        Assert.Single(services, d => d.ServiceType == typeof(IFabricGatewayFactory));
    }
}
