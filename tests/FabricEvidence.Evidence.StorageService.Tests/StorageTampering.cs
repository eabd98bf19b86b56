using FabricEvidence.Evidence.Storage;

namespace FabricEvidence.Evidence.StorageService.Tests;

/// <summary>Alters a stored object behind the service's back, as a dishonest operator with file-system access would.</summary>
internal static class StorageTampering
{
    public static void FlipLastByte(IEvidenceObjectStore store, string key)
    {
        var info = store.HeadAsync(key).GetAwaiter().GetResult() ?? throw new InvalidOperationException($"No object '{key}'.");
        var path = new Uri(info.Location).LocalPath;
        // The store makes objects read-only; whoever owns the disk can undo that.
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = file.Length - 1;
        var last = file.ReadByte();
        file.Position = file.Length - 1;
        file.WriteByte((byte)(last ^ 0xFF));
    }
}
