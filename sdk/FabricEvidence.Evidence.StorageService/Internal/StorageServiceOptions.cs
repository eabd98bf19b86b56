using FabricEvidence.Evidence.Storage;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>The service's settings, section <c>StorageService</c> (see the README for every key).</summary>
internal sealed class StorageServiceOptions
{
    public const string Section = "StorageService";

    /// <summary><c>FileSystem</c> (default) or <c>S3</c>.</summary>
    public string Store { get; set; } = "FileSystem";

    /// <summary>The file-system store's settings; <c>RootPath</c> is required when <see cref="Store"/> is <c>FileSystem</c>.</summary>
    public FileSystemObjectStoreOptions FileSystem { get; set; } = new();

    /// <summary>The S3 store's settings; <c>BucketName</c> is required when <see cref="Store"/> is <c>S3</c>.</summary>
    public S3ObjectStoreOptions S3 { get; set; } = new();

    /// <summary>How long a request waits for another request on the same item to finish. Defaults to 10 seconds.</summary>
    public TimeSpan UploadLockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How old an access record may be when it is presented for a download. Defaults to 15 minutes.</summary>
    public TimeSpan AccessRecordMaxAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The integrity checks' schedule.</summary>
    public IntegrityCheckOptions Integrity { get; set; } = new();
}

/// <summary>When stored objects are hashed again (section <c>StorageService:Integrity</c>).</summary>
internal sealed class IntegrityCheckOptions
{
    /// <summary>Whether the schedule runs. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between the starts of two runs. Defaults to 1 day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Time from start-up to the first run. Defaults to 1 minute.</summary>
    public TimeSpan FirstRunDelay { get; set; } = TimeSpan.FromMinutes(1);
}
