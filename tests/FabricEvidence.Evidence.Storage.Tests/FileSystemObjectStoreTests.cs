using FabricEvidence.Evidence.Storage.Internal;

namespace FabricEvidence.Evidence.Storage.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileSystemObjectStoreTests : ObjectStoreContractTests, IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fe-fs-store-" + Guid.NewGuid().ToString("N"));

    public FileSystemObjectStoreTests()
    {
        FileStore = new FileSystemObjectStore(new FileSystemObjectStoreOptions { RootPath = _root });
    }

    protected override IEvidenceObjectStore Store => FileStore;

    private FileSystemObjectStore FileStore { get; }

    [Fact]
    public async Task A_stored_object_is_read_only_and_its_record_names_version_and_digest()
    {
        var data = TestStreams.Bytes(1234);

        var stored = await Store.PutAsync("EV-ro", new MemoryStream(data), data.Length, DigestAlgorithm.Sm3);

        var folder = Path.Combine(_root, "objects", "EV-ro");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(folder, "content")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(Path.Combine(folder, "object.json")));
        Assert.Equal((UnixFileMode)0b101_101_101, File.GetUnixFileMode(folder));
        var record = await File.ReadAllTextAsync(Path.Combine(folder, "object.json"));
        Assert.Contains($"\"version\": \"{stored.Version}\"", record, StringComparison.Ordinal);
        Assert.Contains($"\"digest\": \"{stored.Digest!.Hex}\"", record, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", stored.Version);
        Assert.Equal(new Uri(Path.Combine(folder, "content")).AbsoluteUri, stored.Location);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "uploads")));
    }

    [Fact]
    public async Task A_new_store_on_the_same_folder_sees_the_same_object_and_version()
    {
        var data = TestStreams.Bytes(100);
        var stored = await Store.PutAsync("EV-again", new MemoryStream(data), data.Length, DigestAlgorithm.Sha256);

        var reopened = new FileSystemObjectStore(new FileSystemObjectStoreOptions { RootPath = _root });

        var head = await reopened.HeadAsync("EV-again");
        Assert.Equal(stored, head);
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_after_a_restart_by_hashing_what_it_holds()
    {
        var data = TestStreams.Bytes(3 * 1024 * 1024 + 11, seed: 9);
        var upload = await Store.StartUploadAsync("EV-restart", data.Length, DigestAlgorithm.Sm3);
        await Assert.ThrowsAsync<IOException>(() => upload.AppendAsync(TestStreams.CutAfter(data, 2_000_000)));

        // A new process: nothing in memory, only the folder.
        var restarted = new FileSystemObjectStore(new FileSystemObjectStoreOptions { RootPath = _root });
        var resumed = await restarted.ResumeUploadAsync("EV-restart");

        Assert.NotNull(resumed);
        Assert.Equal(2_000_000, resumed.Offset);
        await resumed.AppendAsync(new MemoryStream(data, 2_000_000, data.Length - 2_000_000));
        var stored = await resumed.CompleteAsync(ContentDigest.Compute(DigestAlgorithm.Sm3, data));
        Assert.Equal(data.Length, stored.Length);
    }

    [Fact]
    public async Task Two_stores_on_one_folder_cannot_both_claim_a_key()
    {
        var other = new FileSystemObjectStore(new FileSystemObjectStoreOptions { RootPath = _root });
        await Store.StartUploadAsync("EV-race", 1, DigestAlgorithm.Sha256);

        await Assert.ThrowsAsync<UploadInProgressException>(() => other.StartUploadAsync("EV-race", 1, DigestAlgorithm.Sha256));
    }

    [Fact]
    public async Task The_commit_never_replaces_an_object_that_appeared_meanwhile()
    {
        var upload = await Store.StartUploadAsync("EV-late", 3, DigestAlgorithm.Sha256);
        await upload.AppendAsync(new MemoryStream([1, 2, 3]));

        // Another writer (a second service on the same folder) committed the key after this upload started.
        Directory.CreateDirectory(Path.Combine(_root, "objects", "EV-late"));
        File.WriteAllText(Path.Combine(_root, "objects", "EV-late", "marker"), "first");

        await Assert.ThrowsAsync<ObjectAlreadyExistsException>(() => upload.CompleteAsync(null));
        Assert.Equal("first", File.ReadAllText(Path.Combine(_root, "objects", "EV-late", "marker")));
        Assert.False(Directory.Exists(Path.Combine(_root, "uploads", "EV-late")));
    }

    [Fact]
    public void Rename_without_replacing_refuses_an_existing_target()
    {
        var source = Path.Combine(_root, "source");
        var target = Path.Combine(_root, "target");
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(target);

        Assert.False(NativeFileSystem.TryRenameNoReplace(source, target));
        Assert.True(Directory.Exists(source));
        Assert.True(NativeFileSystem.TryRenameNoReplace(source, Path.Combine(_root, "free")));
        Assert.False(Directory.Exists(source));
    }

    [Fact]
    public async Task An_object_damaged_behind_the_stores_back_is_reported()
    {
        await Store.PutAsync("EV-damaged", new MemoryStream([1]), 1, DigestAlgorithm.Sha256);
        var folder = Path.Combine(_root, "objects", "EV-damaged");
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.Delete(Path.Combine(folder, "object.json"));

        var ex = await Assert.ThrowsAsync<ObjectStoreException>(() => Store.HeadAsync("EV-damaged"));

        Assert.Contains("changed behind the store's back", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_root_path_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FileSystemObjectStore(new FileSystemObjectStoreOptions()));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("RootPath", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            // Committed objects are read-only; give the owner write access back so the folder can go.
            foreach (var dir in Directory.EnumerateDirectories(_root, "*", SearchOption.AllDirectories))
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Directory.Delete(_root, recursive: true);
        }
    }
}
