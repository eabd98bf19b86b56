namespace FabricEvidence.Evidence.Storage;

/// <summary>Settings of a <see cref="FileSystemObjectStore"/>.</summary>
public sealed class FileSystemObjectStoreOptions
{
    /// <summary>
    /// The folder that holds the store (<c>objects/</c> and <c>uploads/</c> are made inside it). Required; no default.
    /// It must be on a local file system that supports <c>renameat2(RENAME_NOREPLACE)</c> (ext4, xfs, btrfs, tmpfs).
    /// </summary>
    public string RootPath { get; set; } = "";

    /// <summary>
    /// Whether files and folders are flushed to disk (fsync) before an object is reported stored. Defaults to true;
    /// turn it off only for throw-away stores.
    /// </summary>
    public bool SyncToDisk { get; set; } = true;
}
