using System.Runtime.InteropServices;

namespace FabricEvidence.Evidence.Storage.Internal;

/// <summary>
/// The two file-system operations .NET does not offer: an atomic rename that refuses to replace its target (the
/// commit point of a write-once object) and fsync of a directory (so that a committed name survives a crash).
/// </summary>
internal static partial class NativeFileSystem
{
    private const int AtFdCwd = -100;
    private const uint RenameNoReplace = 1;
    private const uint RenameExcl = 4;
    private const int EExist = 17;
    private const int ENotEmpty = 39;
    private const int MacENotEmpty = 66;

    /// <summary>Renames a file or folder unless the target exists; false when it does. Atomic on Linux, macOS and Windows.</summary>
    public static bool TryRenameNoReplace(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING fails atomically when the target exists.
            try
            {
                Directory.Move(source, target);
                return true;
            }
            catch (IOException) when (Path.Exists(target))
            {
                return false;
            }
        }

        var result = OperatingSystem.IsMacOS()
            ? RenameXNp(source, target, RenameExcl)
            : RenameAt2(AtFdCwd, source, AtFdCwd, target, RenameNoReplace);
        if (result == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno is EExist or ENotEmpty || (OperatingSystem.IsMacOS() && errno == MacENotEmpty))
        {
            return false;
        }

        throw new IOException(
            $"Could not rename '{source}' to '{target}' without replacing (errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}). " +
            "The store needs a local file system that supports renameat2(RENAME_NOREPLACE): ext4, xfs, btrfs or tmpfs.");
    }

    /// <summary>Flushes a directory's entries to disk (Unix); nothing on Windows, where NTFS journals renames.</summary>
    public static void SyncDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(path, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Could not open the folder '{path}' to flush it (errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}).");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"Could not flush the folder '{path}' to disk (errno {errno}: {Marshal.GetPInvokeErrorMessage(errno)}).");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "renamex_np", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameXNp(string from, string to, uint flags);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
