using FabricEvidence.Evidence.StorageService;

namespace FabricEvidence.IntegrationTests;

/// <summary>The storage service's flow on real peers with the file-system store (the embedded default).</summary>
[Collection(FabricNetworkGroup.Name)]
public sealed class FileSystemStorageServiceTests(FabricNetwork fabric) : StorageServiceTests(fabric)
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fe-storage-it-" + Guid.NewGuid().ToString("N"));

    protected override string LocationScheme => Uri.UriSchemeFile;

    protected override Task<IReadOnlyDictionary<string, string?>> StartStoreAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["FileSystem:RootPath"] = _root });

    protected override Task StopStoreAsync()
    {
        if (Directory.Exists(_root))
        {
            // The store leaves its objects read-only.
            MakeWritable(_root);
            Directory.Delete(_root, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override Task<byte[]> ReadStoredAsync(StorageReceipt receipt) => File.ReadAllBytesAsync(new Uri(receipt.ObjectLocation).LocalPath);

    protected override async Task AlterStoredAsync(StorageReceipt receipt, byte[] altered)
    {
        // The store makes objects read-only; whoever owns the disk can undo that.
        var path = new Uri(receipt.ObjectLocation).LocalPath;
        MakeWritable(path);
        await File.WriteAllBytesAsync(path, altered);
    }

    private static void MakeWritable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var entries = Directory.Exists(path) ? Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories).Prepend(path) : [path];
        foreach (var entry in entries)
        {
            File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
