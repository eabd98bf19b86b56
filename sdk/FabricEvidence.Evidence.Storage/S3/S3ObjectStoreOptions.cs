namespace FabricEvidence.Evidence.Storage;

/// <summary>
/// Settings of an <see cref="S3ObjectStore"/>. Credentials are not settings: they come from the AWS SDK's usual
/// sources (the <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c> environment variables, the shared
/// <c>~/.aws/credentials</c> profile named by <c>AWS_PROFILE</c>, or an instance role).
/// </summary>
public sealed class S3ObjectStoreOptions
{
    /// <summary>The minimum part size S3 accepts for all parts but the last.</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;

    /// <summary>The bucket. Required; no default.</summary>
    public string BucketName { get; set; } = "";

    /// <summary>Prepended to every key in the bucket (for example <c>evidence/</c>). Defaults to empty.</summary>
    public string KeyPrefix { get; set; } = "";

    /// <summary>
    /// The endpoint of an S3-compatible service (MinIO, Ceph, OBS, OSS), for example <c>http://127.0.0.1:9000</c>.
    /// Defaults to null: AWS S3 in <see cref="Region"/>.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// The region requests are signed for (<c>us-east-1</c> for MinIO unless it was configured otherwise). Defaults
    /// to null: <c>AWS_REGION</c> or the profile's region.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>Whether to address the bucket in the path (<c>host/bucket/key</c>), as MinIO and most self-hosted services need. Defaults to false.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// The size of each part of a multipart upload, at least <see cref="MinimumPartSize"/>; raised as needed so an
    /// object fits in S3's 10,000 parts. Defaults to 16 MiB.
    /// </summary>
    public int PartSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>Whether to use Object Lock. Defaults to <see cref="S3ObjectLockPolicy.Auto"/>.</summary>
    public S3ObjectLockPolicy ObjectLock { get; set; } = S3ObjectLockPolicy.Auto;

    /// <summary>
    /// The Object Lock mode set on each object when <see cref="RetentionPeriod"/> is set: <c>COMPLIANCE</c> (nobody,
    /// not even the root account, can shorten it) or <c>GOVERNANCE</c>. Defaults to <c>COMPLIANCE</c>.
    /// </summary>
    public string RetentionMode { get; set; } = "COMPLIANCE";

    /// <summary>
    /// How long each object is locked from its upload. Defaults to null: the bucket's default retention rule applies
    /// (configure one on the bucket; it covers every object without a per-object setting).
    /// </summary>
    public TimeSpan? RetentionPeriod { get; set; }

    /// <summary>
    /// Whether the completing request carries <c>If-None-Match: *</c>, so that the service itself refuses to replace
    /// an existing key. Defaults to true. Services that ignore the header leave a window between the store's
    /// existence check and the commit (see the package README).
    /// </summary>
    public bool UseConditionalWrites { get; set; } = true;

    /// <summary>
    /// A local folder where the bytes of the part being received wait until the part is complete (at most one part
    /// per upload). Defaults to <c>fabric-evidence-s3-spool</c> in the temporary folder.
    /// </summary>
    public string SpoolPath { get; set; } = Path.Combine(Path.GetTempPath(), "fabric-evidence-s3-spool");
}
