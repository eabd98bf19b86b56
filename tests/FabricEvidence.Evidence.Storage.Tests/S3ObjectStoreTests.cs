using Amazon.S3.Model;

namespace FabricEvidence.Evidence.Storage.Tests;

public sealed class S3ObjectStoreTests : ObjectStoreContractTests, IClassFixture<S3ServerFixture>
{
    private readonly S3ServerFixture _server;
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12] + "/";

    public S3ObjectStoreTests(S3ServerFixture server)
    {
        _server = server;
        S3Store = new S3ObjectStore(server.Client, server.Options(_prefix));
    }

    protected override IEvidenceObjectStore Store => S3Store;

    protected override int PartSize => S3ObjectStoreOptions.MinimumPartSize;

    private S3ObjectStore S3Store { get; }

    [Fact]
    public async Task A_multipart_object_lands_in_the_bucket_under_the_prefix_with_the_etag_as_version_when_unversioned()
    {
        var data = TestStreams.Bytes(12 * 1024 * 1024, seed: 4);

        var stored = await Store.PutAsync("EV-s3", new MemoryStream(data), data.Length, DigestAlgorithm.Sha256);

        Assert.Equal($"s3://{S3ServerFixture.Bucket}/{_prefix}EV-s3", stored.Location);
        var head = await _server.Client.GetObjectMetadataAsync(S3ServerFixture.Bucket, _prefix + "EV-s3");
        Assert.Equal(data.Length, head.ContentLength);
        Assert.Equal("etag:" + head.ETag.Trim('"'), stored.Version);
        Assert.Equal("SHA-256", head.Metadata["evidence-digest-algorithm"]);
    }

    [Fact]
    public async Task A_failed_digest_check_leaves_no_object_in_the_bucket()
    {
        var data = TestStreams.Bytes(6 * 1024 * 1024);
        var upload = await Store.StartUploadAsync("EV-abort", data.Length, DigestAlgorithm.Sha256);
        await upload.AppendAsync(new MemoryStream(data));

        await Assert.ThrowsAsync<ObjectDigestMismatchException>(() => upload.CompleteAsync(ContentDigest.Compute(DigestAlgorithm.Sha256, "x"u8)));

        var listed = await _server.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = S3ServerFixture.Bucket, Prefix = _prefix });
        Assert.Empty(listed.S3Objects ?? []);
    }

    [Fact]
    public async Task Object_lock_required_on_a_bucket_without_it_refuses_to_write()
    {
        var options = _server.Options(_prefix);
        options.ObjectLock = S3ObjectLockPolicy.Required;
        var store = new S3ObjectStore(_server.Client, options);

        var ex = await Assert.ThrowsAsync<ObjectStoreException>(() => store.StartUploadAsync("EV-lock", 1, DigestAlgorithm.Sha256));

        Assert.Contains("Object Lock", ex.Message, StringComparison.Ordinal);
        Assert.Null(await store.HeadAsync("EV-lock"));
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        var options = _server.Options(_prefix);
        options.PartSize = 1024;
        Assert.Contains("PartSize", Assert.Throws<ArgumentException>(() => new S3ObjectStore(_server.Client, options)).Message, StringComparison.Ordinal);
        options = _server.Options(_prefix);
        options.BucketName = "";
        Assert.Contains("BucketName", Assert.Throws<ArgumentException>(() => new S3ObjectStore(_server.Client, options)).Message, StringComparison.Ordinal);
        options = _server.Options(_prefix);
        options.RetentionMode = "FOREVER";
        Assert.Contains("RetentionMode", Assert.Throws<ArgumentException>(() => new S3ObjectStore(_server.Client, options)).Message, StringComparison.Ordinal);
    }
}
