using Amazon.Runtime;
using Amazon.S3;

namespace FabricEvidence.Evidence.Storage.Tests;

/// <summary>A real S3 API server (s3rver from npm, tests/testassets/node/s3rver) for the whole test class.</summary>
public sealed class S3ServerFixture : IAsyncLifetime
{
    public const string Bucket = "evidence";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fe-s3rver-" + Guid.NewGuid().ToString("N"));
    private NodeProcess? _server;

    public string ServiceUrl { get; private set; } = "";

    public IAmazonS3 Client { get; private set; } = null!;

    public S3ObjectStoreOptions Options(string prefix) => new()
    {
        BucketName = Bucket,
        KeyPrefix = prefix,
        ServiceUrl = ServiceUrl,
        Region = "us-east-1",
        ForcePathStyle = true,
        PartSize = S3ObjectStoreOptions.MinimumPartSize,
        SpoolPath = Path.Combine(_directory, "spool"),
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var (process, port) = await NodeRunner.StartServerAsync("s3rver", "server.js", [Path.Combine(_directory, "data"), Bucket]);
        _server = process;
        ServiceUrl = $"http://127.0.0.1:{port}";
        Client = S3ObjectStore.CreateClient(Options(""), new BasicAWSCredentials("S3RVER", "S3RVER"));
    }

    public Task DisposeAsync()
    {
        Client?.Dispose();
        _server?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
