using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using FabricEvidence.Evidence.Storage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FabricEvidence.Evidence.Storage;

/// <summary>
/// A store in a bucket of any S3-compatible service, through the official AWS SDK. Every object is written as a
/// multipart upload that becomes visible only when completed, after the store checked its length and digest; an
/// upload that fails either is aborted and leaves nothing. Write-once: the key is checked before the upload starts
/// and before it completes, and the completion carries <c>If-None-Match: *</c>; Object Lock retention is set where
/// the bucket has it. The recorded version is the S3 version id (versioned buckets) or <c>etag:</c> and the ETag.
/// An interrupted upload resumes while this store instance lives (the hash state is in memory); after a restart it
/// starts again (configure the bucket's lifecycle rule to abort incomplete multipart uploads).
/// </summary>
public sealed class S3ObjectStore : IEvidenceObjectStore
{
    private const int MaxParts = 10_000;

    private readonly ConcurrentDictionary<string, S3Upload> _uploads = new(StringComparer.Ordinal);
    private readonly Lazy<Task<bool>> _objectLock;
    private readonly ILogger _logger;

    /// <summary>Creates the store over a client the caller configured.</summary>
    /// <param name="client">The S3 client; not disposed by the store.</param>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Where to log; optional.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (no bucket, part size too small, unknown retention mode).</exception>
    public S3ObjectStore(IAmazonS3 client, S3ObjectStoreOptions options, ILogger<S3ObjectStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.BucketName))
        {
            throw new ArgumentException("S3ObjectStoreOptions.BucketName is required.", nameof(options));
        }

        if (options.PartSize < S3ObjectStoreOptions.MinimumPartSize)
        {
            throw new ArgumentException($"S3ObjectStoreOptions.PartSize is {options.PartSize}; S3 needs at least {S3ObjectStoreOptions.MinimumPartSize} bytes.", nameof(options));
        }

        if (options.RetentionMode is not ("COMPLIANCE" or "GOVERNANCE"))
        {
            throw new ArgumentException($"S3ObjectStoreOptions.RetentionMode is '{options.RetentionMode}'; use COMPLIANCE or GOVERNANCE.", nameof(options));
        }

        Client = client;
        Options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _objectLock = new Lazy<Task<bool>>(DetectObjectLockAsync);
        Directory.CreateDirectory(options.SpoolPath);
    }

    internal IAmazonS3 Client { get; }

    internal S3ObjectStoreOptions Options { get; }

    internal ILogger Logger => _logger;

    /// <summary>
    /// Makes an S3 client from the options: endpoint, region and path style from them, credentials from
    /// <paramref name="credentials"/> or else the AWS SDK's usual sources (environment, shared profile, instance role).
    /// Checksums are sent only where S3 requires them, which S3-compatible services all accept.
    /// </summary>
    /// <param name="options">The settings.</param>
    /// <param name="credentials">Explicit credentials; null for the SDK's usual sources.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static IAmazonS3 CreateClient(S3ObjectStoreOptions options, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is not null)
        {
            config.ServiceURL = options.ServiceUrl;
            if (options.Region is not null)
            {
                config.AuthenticationRegion = options.Region;
            }
        }
        else if (options.Region is not null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <inheritdoc />
    public async Task<IObjectUpload> StartUploadAsync(string key, long length, DigestAlgorithm algorithm, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (_uploads.ContainsKey(key))
        {
            throw new UploadInProgressException(key, $"An upload of '{key}' is already in progress; resume it or abort it.");
        }

        if (await HeadAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new ObjectAlreadyExistsException(key);
        }

        var request = new InitiateMultipartUploadRequest
        {
            BucketName = Options.BucketName,
            Key = ObjectName(key),
            ContentType = "application/octet-stream",
        };
        request.Metadata["evidence-digest-algorithm"] = algorithm.Name;
        var locked = await UsesObjectLockAsync().ConfigureAwait(false);
        if (locked && Options.RetentionPeriod is { } period)
        {
            request.ObjectLockMode = new ObjectLockMode(Options.RetentionMode);
            request.ObjectLockRetainUntilDate = DateTime.UtcNow + period;
        }

        var response = await Call(key, () => Client.InitiateMultipartUploadAsync(request, cancellationToken)).ConfigureAwait(false);
        var partSize = (int)Math.Max(Options.PartSize, (length + MaxParts - 1) / MaxParts);
        var upload = new S3Upload(this, key, length, algorithm, response.UploadId, partSize);
        if (!_uploads.TryAdd(key, upload))
        {
            await upload.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            throw new UploadInProgressException(key, $"An upload of '{key}' is already in progress; resume it or abort it.");
        }

        Log.UploadStarted(_logger, key, length, algorithm.Name);
        return upload;
    }

    /// <inheritdoc />
    public Task<IObjectUpload?> ResumeUploadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        return Task.FromResult<IObjectUpload?>(_uploads.TryGetValue(key, out var upload) ? upload : null);
    }

    /// <inheritdoc />
    public async Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        try
        {
            var response = await Client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Options.BucketName, Key = ObjectName(key) }, cancellationToken).ConfigureAwait(false);
            return Describe(key, response.VersionId, response.ETag, response.ContentLength, response.LastModified);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (AmazonServiceException ex)
        {
            throw Failed(key, ex);
        }
    }

    /// <inheritdoc />
    public async Task<ObjectContent> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKeys.Validate(key);
        GetObjectResponse response;
        try
        {
            response = await Client.GetObjectAsync(new GetObjectRequest { BucketName = Options.BucketName, Key = ObjectName(key) }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ObjectNotFoundException(key, ex);
        }
        catch (AmazonServiceException ex)
        {
            throw Failed(key, ex);
        }

        return new ObjectContent(Describe(key, response.VersionId, response.ETag, response.ContentLength, response.LastModified), response.ResponseStream);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredObject> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new ListObjectsV2Request { BucketName = Options.BucketName, Prefix = Options.KeyPrefix };
        do
        {
            var page = await Call(null, () => Client.ListObjectsV2Async(request, cancellationToken)).ConfigureAwait(false);
            foreach (var entry in page.S3Objects ?? [])
            {
                var key = entry.Key[Options.KeyPrefix.Length..];
                if (ObjectKeys.IsValid(key) && await HeadAsync(key, cancellationToken).ConfigureAwait(false) is { } info)
                {
                    yield return info;
                }
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
        while (request.ContinuationToken is not null);
    }

    internal string ObjectName(string key) => Options.KeyPrefix + key;

    internal void Forget(S3Upload upload) => _uploads.TryRemove(new KeyValuePair<string, S3Upload>(upload.Key, upload));

    internal StoredObject Describe(string key, string? versionId, string? etag, long? length, DateTime? lastModified) => new(
        key,
        $"s3://{Options.BucketName}/{ObjectName(key)}",
        string.IsNullOrEmpty(versionId) || versionId == "null" ? "etag:" + (etag ?? "").Trim('"') : versionId,
        length ?? 0,
        null,
        lastModified is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : DateTimeOffset.UtcNow);

    internal static async Task<T> Call<T>(string? key, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (AmazonServiceException ex)
        {
            throw Failed(key, ex);
        }
    }

    internal static ObjectStoreException Failed(string? key, AmazonServiceException ex) =>
        new(key, $"S3 refused the request{(key is null ? "" : $" for '{key}'")}: {(int)ex.StatusCode} {ex.ErrorCode} {ex.Message}", ex);

    private async Task<bool> UsesObjectLockAsync()
    {
        if (Options.ObjectLock == S3ObjectLockPolicy.Disabled)
        {
            return false;
        }

        return await _objectLock.Value.ConfigureAwait(false);
    }

    private async Task<bool> DetectObjectLockAsync()
    {
        string reason;
        try
        {
            var response = await Client.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = Options.BucketName }).ConfigureAwait(false);
            if (response.ObjectLockConfiguration?.ObjectLockEnabled == ObjectLockEnabled.Enabled)
            {
                return true;
            }

            reason = "not enabled on the bucket";
        }
        catch (AmazonS3Exception ex)
        {
            reason = $"{ex.ErrorCode}: {ex.Message}";
        }

        if (Options.ObjectLock == S3ObjectLockPolicy.Required)
        {
            throw new ObjectStoreException(null, $"S3ObjectStoreOptions.ObjectLock is Required but the bucket '{Options.BucketName}' has no Object Lock ({reason}). Create the bucket with Object Lock enabled, or set ObjectLock to Auto.");
        }

        Log.NoObjectLock(_logger, Options.BucketName, reason);
        return false;
    }
}
