namespace FabricEvidence.Evidence.Storage;

/// <summary>Whether an <see cref="S3ObjectStore"/> uses S3 Object Lock (write-once-read-many retention) on its bucket.</summary>
public enum S3ObjectLockPolicy
{
    /// <summary>Use Object Lock where the bucket has it enabled; otherwise write without it (and log a warning once).</summary>
    Auto,

    /// <summary>Refuse to write unless the bucket has Object Lock enabled.</summary>
    Required,

    /// <summary>Never set retention on objects (a bucket's default retention rule still applies).</summary>
    Disabled,
}
