using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Gateway.Tests.Infrastructure;

namespace FabricEvidence.Gateway.Tests;

/// <summary>The README's opening example, run against the fake Gateway over TLS with an MSP folder on disk.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("gateway-readme");

    public void Dispose() => _directory.Delete(recursive: true);

    [Fact]
    public void The_README_opens_with_the_example_this_test_runs()
    {
        var (mirrored, problem) = ReadmeSnippets.IsMirrored("sdk/FabricEvidence.Gateway/README.md", "tests/FabricEvidence.Gateway.Tests/ReadmeExampleTests.cs");

        Assert.True(mirrored, problem);
    }

    [Fact]
    public async Task The_README_example_connects_over_TLS_submits_evaluates_and_reads_events()
    {
        var user = TestCredentials.Create();
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=peer0.org1.example.com", tlsKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var tlsCertificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        await using var server = await FakeGatewayServer.StartAsync(tlsCertificate);
        server.Blocks.Add(new FakeBlock(0, [new FakeTransaction("t1", "basic", "AssetCreated", [1])]));
        var peerAddress = $"https://127.0.0.1:{server.Address.Port}";
        var tlsCaPath = Path.Combine(_directory.FullName, "tlsca.pem");
        await File.WriteAllTextAsync(tlsCaPath, tlsCertificate.ExportCertificatePem());
        var mspPath = Path.Combine(_directory.FullName, "msp");
        Directory.CreateDirectory(Path.Combine(mspPath, "signcerts"));
        Directory.CreateDirectory(Path.Combine(mspPath, "keystore"));
        await File.WriteAllTextAsync(Path.Combine(mspPath, "signcerts", "cert.pem"), user.CertificatePem);
        await File.WriteAllTextAsync(Path.Combine(mspPath, "keystore", "priv_sk"), user.PrivateKeyPem);
        var cancellationToken = CancellationToken.None;

        // peerAddress: "https://peer0.org1.example.com:7051"; tlsCaPath: the organisation's TLS CA; mspPath: a user's MSP folder.
        using var channel = FabricChannel.ForAddress(peerAddress, new FabricChannelOptions().WithTlsRootCertificateFile(tlsCaPath));
        var credentials = Identities.LoadMspDirectory("Org1MSP", mspPath);
        await using var gateway = FabricGateway.Connect(new GatewayOptions
        {
            Channel = channel,
            Identity = credentials.Identity,
            Signer = credentials.Signer,
        });
        var network = gateway.GetNetwork("mychannel");
        var contract = network.GetContract("basic");

        await contract.SubmitTransactionAsync("CreateAsset", ["asset2", "blue"], cancellationToken);
        byte[] asset = await contract.EvaluateTransactionAsync("ReadAsset", ["asset2"], cancellationToken);

        var checkpointer = Checkpointers.InMemory();
        await foreach (var e in network.GetChaincodeEventsAsync("basic", new EventsOptions { StartBlock = 0, Checkpoint = checkpointer }, cancellationToken))
        {
            Console.WriteLine($"{e.EventName} in block {e.BlockNumber}");
            await checkpointer.CheckpointChaincodeEventAsync(e, cancellationToken);
        }

        Assert.Equal("ReadAsset(asset2)", System.Text.Encoding.UTF8.GetString(asset));
        Assert.Equal("t1", checkpointer.TransactionId);
        Assert.Empty(server.Violations);
    }
}
