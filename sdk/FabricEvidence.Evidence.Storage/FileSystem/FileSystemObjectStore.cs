using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using FabricEvidence.Evidence.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FabricEvidence.Evidence.Storage;

/// <summary>
/// The default store: a folder on the local file system, needing nothing installed. An object is
/// <c>objects/{key}/content</c> beside <c>objects/{key}/object.json</c> (version, length, digest, time); an upload
/// in progress is <c>uploads/{key}/</c>. Completing an upload flushes the files to disk and renames the upload's
/// folder to the object's with <c>renameat2(RENAME_NOREPLACE)</c>: the object appears whole or not at all, and a key
/// that exists is never replaced, even by a racing writer. Committed files are made read-only (0444, folder 0555).
/// An interrupted upload resumes after a restart too: its bytes are hashed again from the folder.
/// </summary>
public sealed class FileSystemObjectStore : IEvidenceObjectStore
{
    private const string ContentFile = "content";
    private const string ObjectFile = "object.json";
    private const string UploadFile = "upload.json";

    private readonly ConcurrentDictionary<string, FileSystemUpload> _uploads = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    /// <summary>Opens (and creates, if needed) the store in <see cref="FileSystemObjectStoreOptions.RootPath"/>.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Where to log; optional.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The root path is empty.</exception>
    /// <exception cref="ObjectStoreException">The folders cannot be created.</exception>
    public FileSystemObjectStore(FileSystemObjectStoreOptions options, ILogger<FileSystemObjectStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.RootPath))
        {
            throw new ArgumentException("FileSystemObjectStoreOptions.RootPath is required: the folder that holds the objects.", nameof(options));
        }

        RootPath = Path.GetFullPath(options.RootPath);
        ObjectsPath = Path.Combine(RootPath, "objects");
        UploadsPath = Path.Combine(RootPath, "uploads");
        SyncToDisk = options.SyncToDisk;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        try
        {
            Directory.CreateDirectory(ObjectsPath);
            Directory.CreateDirectory(UploadsPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ObjectStoreException(null, $"Cannot create the store's folders in '{RootPath}': {ex.Message}", ex);
        }
    }

    /// <summary>The store's folder, as a full path.</summary>
    public string RootPath { get; }

    internal string ObjectsPath { get; }

    internal string UploadsPath { get; }

    internal bool SyncToDisk { get; }

    /// <inheritdoc />
    public Task<IObjectUpload> StartUploadAsync(string key, long length, DigestAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(algorithm);
        var algorithmName = algorithm.Name;
        cancellationToken.ThrowIfCancellationRequested();
        if (Directory.Exists(ObjectFolder(key)))
        {
            throw new ObjectAlreadyExistsException(key);
        }

        var record = new UploadRecord(key, length, algorithmName, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), DateTimeOffset.UtcNow);
        var staging = Path.Combine(UploadsPath, ".new-" + Guid.NewGuid().ToString("N"));
        return Io(key, () =>
        {
            Directory.CreateDirectory(staging);
            File.WriteAllBytes(Path.Combine(staging, UploadFile), StoreJson.Write(record));
            File.WriteAllBytes(Path.Combine(staging, ContentFile), []);

            // The rename claims the key: of two writers starting at once, one gets the folder, the other is told.
            if (!NativeFileSystem.TryRenameNoReplace(staging, UploadFolder(key)))
            {
                Directory.Delete(staging, recursive: true);
                throw new UploadInProgressException(key, $"An upload of '{key}' is already in progress; resume it or abort it.");
            }

            var upload = FileSystemUpload.Open(this, record, UploadFolder(key), hashExisting: false);
            _uploads[key] = upload;
            Log.UploadStarted(_logger, key, length, algorithmName);
            return Task.FromResult<IObjectUpload>(upload);
        });
    }

    /// <inheritdoc />
    public Task<IObjectUpload?> ResumeUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        if (_uploads.TryGetValue(key, out var live))
        {
            return Task.FromResult<IObjectUpload?>(live);
        }

        var folder = UploadFolder(key);
        var recordPath = Path.Combine(folder, UploadFile);
        if (!File.Exists(recordPath))
        {
            return Task.FromResult<IObjectUpload?>(null);
        }

        return Io(key, () =>
        {
            // After a restart: the hash state is gone with the old process, so hash what the folder holds again.
            var record = StoreJson.Read<UploadRecord>(recordPath);
            var upload = _uploads.GetOrAdd(key, _ => FileSystemUpload.Open(this, record, folder, hashExisting: true));
            Log.UploadReopened(_logger, key, upload.Offset);
            return Task.FromResult<IObjectUpload?>(upload);
        });
    }

    /// <inheritdoc />
    public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadObject(key));
    }

    /// <inheritdoc />
    public Task<ObjectContent> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        var info = ReadObject(key) ?? throw new ObjectNotFoundException(key);
        return Io(key, () =>
        {
            var stream = new FileStream(Path.Combine(ObjectFolder(key), ContentFile), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read,
                BufferSize = 0,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            });
            return Task.FromResult(new ObjectContent(info, stream));
        });
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObject> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();

        // Ordered, so a scheduler working through the list in pieces sees a stable order.
        var keys = Directory.EnumerateDirectories(ObjectsPath).Select(Path.GetFileName).Where(ObjectKeys.IsValid).Order(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (ReadObject(key!) is { } info)
            {
                yield return info;
            }
        }
    }

    internal string ObjectFolder(string key) => Path.Combine(ObjectsPath, key);

    internal string UploadFolder(string key) => Path.Combine(UploadsPath, key);

    internal void Forget(FileSystemUpload upload) => _uploads.TryRemove(new KeyValuePair<string, FileSystemUpload>(upload.Key, upload));

    /// <summary>Commits a finished upload's folder as the object; false when the key was taken meanwhile.</summary>
    internal bool Commit(string key, string uploadFolder, ObjectRecord record)
    {
        var recordPath = Path.Combine(uploadFolder, ObjectFile);
        WriteDurably(recordPath, StoreJson.Write(record));
        File.Delete(Path.Combine(uploadFolder, UploadFile));
        const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(uploadFolder, ContentFile), ReadOnly);
            File.SetUnixFileMode(recordPath, ReadOnly);
        }

        if (SyncToDisk)
        {
            NativeFileSystem.SyncDirectory(uploadFolder);
        }

        var target = ObjectFolder(key);
        if (!NativeFileSystem.TryRenameNoReplace(uploadFolder, target))
        {
            return false;
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(target, ReadOnly | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        if (SyncToDisk)
        {
            NativeFileSystem.SyncDirectory(ObjectsPath);
            NativeFileSystem.SyncDirectory(UploadsPath);
        }

        Log.ObjectStored(_logger, key, record.Version, record.Length, record.DigestAlgorithm, record.Digest);
        return true;
    }

    internal StoredObject ToStoredObject(ObjectRecord record) => new(
        record.Key,
        new Uri(Path.Combine(ObjectFolder(record.Key), ContentFile)).AbsoluteUri,
        record.Version,
        record.Length,
        ContentDigest.TryParse(record.DigestAlgorithm, record.Digest, out var digest) ? digest : null,
        record.CreatedAt);

    internal void WriteDurably(string path, byte[] bytes)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        file.Write(bytes);
        file.Flush(SyncToDisk);
    }

    private StoredObject? ReadObject(string key)
    {
        var folder = ObjectFolder(key);
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var recordPath = Path.Combine(folder, ObjectFile);
        if (!File.Exists(recordPath) || !File.Exists(Path.Combine(folder, ContentFile)))
        {
            throw new ObjectStoreException(key, $"The object '{key}' is incomplete in '{folder}' ({ObjectFile} or {ContentFile} missing): it was changed behind the store's back.");
        }

        return ToStoredObject(StoreJson.Read<ObjectRecord>(recordPath));
    }

    private static T Io<T>(string key, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ObjectStoreException(key, $"The file system store failed for '{key}': {ex.Message}", ex);
        }
    }
}
