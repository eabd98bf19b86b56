using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Gateway.DependencyInjection;
using FabricEvidence.Gateway.Tests.Infrastructure;
using FabricEvidence.Protocol.Server;
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
        await using var server = await FakeGatewayServer.StartAsync(new GrpcServerOptions { Certificate = tlsCertificate });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FabricGateway:Endpoint"] = $"127.0.0.1:{server.Address.Port}",
            ["FabricGateway:TlsRootCertificatePath"] = tlsRootPath,
            ["FabricGateway:ServerNameOverride"] = "peer0.org1.example.com",
            ["FabricGateway:MspId"] = "Org1MSP",
            ["FabricGateway:MspDirectory"] = WriteMsp(credentials),
            ["FabricGateway:EvaluateTimeout"] = "00:00:03",
            ["FabricGateway:Resilience:EvaluateMaxRetries"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddFabricGateway(configuration.GetSection("FabricGateway"));

        await using (var provider = services.BuildServiceProvider())
        {
            var gateway = provider.GetRequiredService<IGateway>();
            var result = await gateway.GetNetwork("mychannel").GetContract("basic").EvaluateTransactionAsync("ReadAsset", "a1");

            Assert.Same(gateway, provider.GetRequiredService<IGateway>());
            Assert.Equal("ReadAsset(a1)", Encoding.UTF8.GetString(result));
            Assert.Equal("Org1MSP", gateway.Identity.MspId);
            var options = provider.GetRequiredService<IOptions<FabricGatewayOptions>>().Value;
            Assert.Equal(TimeSpan.FromSeconds(3), options.EvaluateTimeout);
            Assert.Equal(0, options.Resilience.EvaluateMaxRetries);
            Assert.Equal(2, options.Resilience.SubmitMaxRetries);
        }

        Assert.Empty(server.Violations);
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
            Assert.Equal("Tx(x)", Encoding.UTF8.GetString(await contract.SubmitTransactionAsync("Tx", "x")));
        }

        Assert.Empty(server.Violations);
        Assert.Throws<ObjectDisposedException>(() => contract.NewProposal("Tx"));
    }

    [Fact]
    public void Invalid_configuration_lists_every_problem_when_the_gateway_is_resolved()
    {
        var services = new ServiceCollection();
        services.AddFabricGateway(o =>
        {
            o.Endpoint = "ftp://peer";
            o.Hash = "MD5";
            o.CertificatePath = Path.Combine(_directory.FullName, "missing.pem");
            o.EvaluateTimeout = TimeSpan.Zero;
        });
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IGateway>());

        Assert.Contains(ex.Failures, f => f.Contains("Endpoint 'ftp://peer'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("MspId is required", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("missing.pem", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Unknown hash 'MD5'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("EvaluateTimeout must be positive", StringComparison.Ordinal));
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
    }
}
