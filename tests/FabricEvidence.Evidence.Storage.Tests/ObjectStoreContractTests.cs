namespace FabricEvidence.Evidence.Storage.Tests;

/// <summary>What every <see cref="IEvidenceObjectStore"/> must do; run against each store by a derived class.</summary>
public abstract class ObjectStoreContractTests
{
    /// <summary>A fresh, empty store for one test.</summary>
    protected abstract IEvidenceObjectStore Store { get; }

    /// <summary>The part size the store uses, so that tests can cut uploads inside and across parts.</summary>
    protected virtual int PartSize => 1024 * 1024;

    [Theory]
    [InlineData("SHA-256")]
    [InlineData("SM3")]
    public async Task Put_stores_the_bytes_and_returns_the_digest_computed_while_writing(string algorithmName)
    {
        var algorithm = DigestAlgorithm.FromName(algorithmName);
        var data = TestStreams.Bytes(300_001);

        var stored = await Store.PutAsync("EV-1", new MemoryStream(data), data.Length, algorithm);

        Assert.Equal(ContentDigest.Compute(algorithm, data), stored.Digest);
        Assert.Equal(data.Length, stored.Length);
        Assert.Equal("EV-1", stored.Key);
        Assert.False(string.IsNullOrEmpty(stored.Version));
        await using var content = await Store.OpenReadAsync("EV-1");
        var copy = new MemoryStream();
        await content.Content.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(stored.Version, content.Info.Version);
        var head = await Store.HeadAsync("EV-1");
        Assert.NotNull(head);
        Assert.Equal(stored.Version, head.Version);
        Assert.Equal(stored.Location, head.Location);
        Assert.Equal(data.Length, head.Length);
    }

    [Fact]
    public async Task An_empty_object_can_be_stored()
    {
        var stored = await Store.PutAsync("EV-empty", new MemoryStream(), 0, DigestAlgorithm.Sha256);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", stored.Digest!.Hex);
        Assert.Equal(0, (await Store.HeadAsync("EV-empty"))!.Length);
    }

    [Fact]
    public async Task A_key_is_written_once_and_the_first_object_stays()
    {
        var first = TestStreams.Bytes(1000, seed: 1);
        var stored = await Store.PutAsync("EV-2", new MemoryStream(first), first.Length, DigestAlgorithm.Sha256);

        var ex = await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() =>
            Store.PutAsync("EV-2", new MemoryStream(TestStreams.Bytes(1000, seed: 2)), 1000, DigestAlgorithm.Sha256));

        Assert.Equal("EV-2", ex.Key);
        Assert.Equal(stored.Version, (await Store.HeadAsync("EV-2"))!.Version);
        Assert.Equal(first, await ReadAllAsync("EV-2"));
    }

    [Fact]
    public async Task A_digest_mismatch_stores_nothing_and_leaves_no_upload()
    {
        var data = TestStreams.Bytes(5000);
        var wrong = ContentDigest.Compute(DigestAlgorithm.Sm3, "something else"u8);

        var ex = await Assert.ThrowsAsync<ObjectDigestMismatchException>(() =>
            Store.PutAsync("EV-3", new MemoryStream(data), data.Length, DigestAlgorithm.Sm3, wrong));

        Assert.Equal(wrong, ex.Expected);
        Assert.Equal(ContentDigest.Compute(DigestAlgorithm.Sm3, data), ex.Actual);
        Assert.Null(await Store.HeadAsync("EV-3"));
        Assert.Null(await Store.ResumeUploadAsync("EV-3"));
        await Store.PutAsync("EV-3", new MemoryStream(data), data.Length, DigestAlgorithm.Sm3, ex.Actual);
    }

    [Fact]
    public async Task Content_shorter_than_declared_stores_nothing()
    {
        var ex = await Assert.ThrowsAsync<ObjectLengthMismatchException>(() =>
            Store.PutAsync("EV-4", new MemoryStream(new byte[99]), 100, DigestAlgorithm.Sha256));

        Assert.Equal(100, ex.DeclaredLength);
        Assert.Equal(99, ex.ActualLength);
        Assert.Null(await Store.HeadAsync("EV-4"));
        Assert.Null(await Store.ResumeUploadAsync("EV-4"));
    }

    [Fact]
    public async Task Content_longer_than_declared_stores_nothing()
    {
        var ex = await Assert.ThrowsAsync<ObjectLengthMismatchException>(() =>
            Store.PutAsync("EV-5", new MemoryStream(new byte[101]), 100, DigestAlgorithm.Sha256));

        Assert.Equal(100, ex.DeclaredLength);
        Assert.True(ex.ActualLength > 100);
        Assert.Null(await Store.HeadAsync("EV-5"));
    }

    [Fact]
    public async Task An_upload_cut_part_way_keeps_what_it_received_and_resumes_there()
    {
        var data = TestStreams.Bytes(PartSize * 2 + PartSize / 2, seed: 5);
        var cut = PartSize + PartSize / 3;
        var upload = await Store.StartUploadAsync("EV-6", data.Length, DigestAlgorithm.Sm3);

        await Assert.ThrowsAsync<IOException>(() => upload.AppendAsync(TestStreams.CutAfter(data, cut)));

        var resumed = await Store.ResumeUploadAsync("EV-6");
        Assert.NotNull(resumed);
        Assert.Equal(cut, resumed.Offset);
        Assert.Equal(data.Length, resumed.Length);
        Assert.Equal(DigestAlgorithm.Sm3, resumed.Algorithm);
        Assert.Null(await Store.HeadAsync("EV-6"));
        await resumed.AppendAsync(new MemoryStream(data, cut, data.Length - cut));
        var stored = await resumed.CompleteAsync(ContentDigest.Compute(DigestAlgorithm.Sm3, data));
        Assert.Equal(data, await ReadAllAsync("EV-6"));
        Assert.Equal(data.Length, stored.Length);
    }

    [Fact]
    public async Task Completing_early_is_refused_and_the_upload_stays_open()
    {
        var data = TestStreams.Bytes(2000);
        var upload = await Store.StartUploadAsync("EV-7", data.Length, DigestAlgorithm.Sha256);
        await upload.AppendAsync(new MemoryStream(data, 0, 500));

        var ex = await Assert.ThrowsAsync<ObjectLengthMismatchException>(() => upload.CompleteAsync(null));

        Assert.Equal(500, ex.ActualLength);
        Assert.Contains("offset 500", ex.Message, StringComparison.Ordinal);
        await upload.AppendAsync(new MemoryStream(data, 500, 1500));
        await upload.CompleteAsync(null);
        Assert.Equal(data, await ReadAllAsync("EV-7"));
    }

    [Fact]
    public async Task A_second_upload_of_a_key_in_progress_is_refused()
    {
        await Store.StartUploadAsync("EV-8", 10, DigestAlgorithm.Sha256);

        var ex = await Assert.ThrowsAsync<UploadInProgressException>(() => Store.StartUploadAsync("EV-8", 10, DigestAlgorithm.Sha256));

        Assert.Equal("EV-8", ex.Key);
    }

    [Fact]
    public async Task An_aborted_upload_is_gone_and_the_key_is_free()
    {
        var upload = await Store.StartUploadAsync("EV-9", 10, DigestAlgorithm.Sha256);
        await upload.AppendAsync(new MemoryStream(new byte[5]));

        await upload.AbortAsync();

        Assert.Null(await Store.ResumeUploadAsync("EV-9"));
        Assert.Null(await Store.HeadAsync("EV-9"));
        await Store.PutAsync("EV-9", new MemoryStream(new byte[10]), 10, DigestAlgorithm.Sha256);
    }

    [Fact]
    public async Task Cancelling_an_append_keeps_what_was_written()
    {
        var data = TestStreams.Bytes(3 * 1024 * 1024);
        var upload = await Store.StartUploadAsync("EV-10", data.Length, DigestAlgorithm.Sha256);
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfter(cts, 1024 * 1024);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.AppendAsync(new MemoryStream(data), progress, cts.Token));

        var offset = upload.Offset;
        Assert.InRange(offset, 1024 * 1024, data.Length - 1);
        await upload.AppendAsync(new MemoryStream(data, (int)offset, data.Length - (int)offset));
        var stored = await upload.CompleteAsync(ContentDigest.Compute(DigestAlgorithm.Sha256, data));
        Assert.Equal(data.Length, stored.Length);
    }

    [Fact]
    public async Task List_gives_stored_objects_but_not_uploads_in_progress()
    {
        await Store.PutAsync("EV-b", new MemoryStream(new byte[3]), 3, DigestAlgorithm.Sha256);
        await Store.PutAsync("EV-a", new MemoryStream(new byte[4]), 4, DigestAlgorithm.Sm3);
        await Store.StartUploadAsync("EV-c", 10, DigestAlgorithm.Sha256);

        var listed = new List<StoredObject>();
        await foreach (var item in Store.ListAsync())
        {
            listed.Add(item);
        }

        Assert.Equal(["EV-a", "EV-b"], listed.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Equal(4, listed.Single(o => o.Key == "EV-a").Length);
    }

    [Fact]
    public async Task A_missing_object_is_reported_as_such()
    {
        Assert.Null(await Store.HeadAsync("EV-none"));
        Assert.Null(await Store.ResumeUploadAsync("EV-none"));
        var ex = await Assert.ThrowsAsync<ObjectNotFoundException>(() => Store.OpenReadAsync("EV-none"));
        Assert.Equal("EV-none", ex.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData(".hidden")]
    [InlineData("nul\0byte")]
    [InlineData("space in")]
    public async Task Malformed_keys_are_refused_naming_the_argument(string key)
    {
        Assert.Equal("key", (await Assert.ThrowsAsync<ArgumentException>(() => Store.StartUploadAsync(key, 1, DigestAlgorithm.Sha256))).ParamName);
        Assert.Equal("key", (await Assert.ThrowsAsync<ArgumentException>(() => Store.HeadAsync(key))).ParamName);
        Assert.Equal("key", (await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key))).ParamName);
        Assert.Equal("key", (await Assert.ThrowsAsync<ArgumentException>(() => Store.ResumeUploadAsync(key))).ParamName);
    }

    [Fact]
    public async Task Bad_lengths_and_algorithms_are_refused_naming_the_argument()
    {
        Assert.Equal("length", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.StartUploadAsync("EV-x", -1, DigestAlgorithm.Sha256))).ParamName);
        Assert.Equal("algorithm", (await Assert.ThrowsAsync<ArgumentNullException>(() => Store.StartUploadAsync("EV-x", 1, null!))).ParamName);
        Assert.Null(await Store.ResumeUploadAsync("EV-x"));
    }

    protected async Task<byte[]> ReadAllAsync(string key)
    {
        await using var content = await Store.OpenReadAsync(key);
        var copy = new MemoryStream();
        await content.Content.CopyToAsync(copy);
        return copy.ToArray();
    }

    private sealed class CancelAfter(CancellationTokenSource cts, long bytes) : IProgress<long>
    {
        public void Report(long value)
        {
            if (value >= bytes)
            {
                cts.Cancel();
            }
        }
    }
}
