using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FabricEvidence.Evidence.Storage;
using FabricEvidence.Evidence.StorageService;
using FabricEvidence.TestSupport;

namespace FabricEvidence.IntegrationTests;

/// <summary>
/// The storage service's flow on real peers with the S3 store (<c>StorageService:Store=S3</c>, configured as an operator
/// would) against a real S3 API server: s3rver from tests/testassets/node/s3rver on a free port, started for each test
/// and stopped after it. Tampering is a PutObject over the stored object, which a bucket without Object Lock allows.
/// </summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class S3StorageServiceTests(FabricNetwork fabric) : StorageServiceTests(fabric)
{
    private const string Bucket = "evidence";

    // s3rver accepts these fixed credentials; the service finds them through the AWS SDK's usual chain (environment).
    private const string AccessKey = "S3RVER";
    private const string SecretKey = "S3RVER";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "fe-s3-it-" + Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _savedEnvironment = [];
    private NodeProcess? _server;
    private IAmazonS3? _client;

    protected override string LocationScheme => "s3";

    protected override async Task<IReadOnlyDictionary<string, string?>> StartStoreAsync()
    {
        Directory.CreateDirectory(_directory);
        var (server, port) = await NodeRunner.StartServerAsync("s3rver", "server.js", [Path.Combine(_directory, "data"), Bucket]);
        _server = server;
        var options = new S3ObjectStoreOptions
        {
            BucketName = Bucket,
            KeyPrefix = "it/",
            ServiceUrl = $"http://127.0.0.1:{port}",
            Region = "us-east-1",
            ForcePathStyle = true,
            PartSize = S3ObjectStoreOptions.MinimumPartSize,
            SpoolPath = Path.Combine(_directory, "spool"),
        };
        _client = S3ObjectStore.CreateClient(options, new BasicAWSCredentials(AccessKey, SecretKey));
        SetEnvironment("AWS_ACCESS_KEY_ID", AccessKey);
        SetEnvironment("AWS_SECRET_ACCESS_KEY", SecretKey);
        return new Dictionary<string, string?>
        {
            ["Store"] = "S3",
            ["S3:BucketName"] = options.BucketName,
            ["S3:KeyPrefix"] = options.KeyPrefix,
            ["S3:ServiceUrl"] = options.ServiceUrl,
            ["S3:Region"] = options.Region,
            ["S3:ForcePathStyle"] = "true",
            ["S3:PartSize"] = options.PartSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["S3:SpoolPath"] = options.SpoolPath,
        };
    }

    protected override Task StopStoreAsync()
    {
        foreach (var (name, value) in _savedEnvironment)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        _client?.Dispose();
        _server?.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override async Task<byte[]> ReadStoredAsync(StorageReceipt receipt)
    {
        var (bucket, key) = Object(receipt);
        using var response = await _client!.GetObjectAsync(bucket, key);
        using var content = new MemoryStream();
        await response.ResponseStream.CopyToAsync(content);
        return content.ToArray();
    }

    protected override async Task AlterStoredAsync(StorageReceipt receipt, byte[] altered)
    {
        // Unchunked: over plain HTTP the SDK would otherwise send an aws-chunked body, which s3rver stores as it came.
        var (bucket, key) = Object(receipt);
        await _client!.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, InputStream = new MemoryStream(altered), UseChunkEncoding = false });
    }

    /// <summary>Bucket and key of an <c>s3://bucket/key</c> location.</summary>
    private static (string Bucket, string Key) Object(StorageReceipt receipt)
    {
        var location = new Uri(receipt.ObjectLocation);
        Assert.Equal(Bucket, location.Host);
        return (location.Host, Uri.UnescapeDataString(location.AbsolutePath.TrimStart('/')));
    }

    private void SetEnvironment(string name, string value)
    {
        _savedEnvironment.TryAdd(name, Environment.GetEnvironmentVariable(name));
        Environment.SetEnvironmentVariable(name, value);
    }
}
