using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace FabricEvidence.Evidence.Storage.Internal;

/// <summary>
/// A multipart upload. Incoming bytes are written to a local spool file and hashed; each full part goes to S3 from
/// the spool (seekable, so the SDK signs its payload and retries it) with its MD5, and the spool starts again. What
/// was received survives a dropped connection: <see cref="Offset"/> counts the parts in S3 and the spooled bytes.
/// </summary>
internal sealed class S3Upload : IObjectUpload
{
    private readonly S3ObjectStore _store;
    private readonly string _uploadId;
    private readonly int _partSize;
    private readonly string _spoolPath;
    private readonly List<PartETag> _parts = [];
    private readonly EvidenceHasher _hasher;
    private FileStream? _spool;
    private IncrementalHash? _partMd5;
    private int _busy;
    private bool _finished;

    public S3Upload(S3ObjectStore store, string key, long length, DigestAlgorithm algorithm, string uploadId, int partSize)
    {
        _store = store;
        Key = key;
        Length = length;
        Algorithm = algorithm;
        _uploadId = uploadId;
        _partSize = partSize;
        _hasher = EvidenceHasher.Create(algorithm);
        _spoolPath = Path.Combine(store.Options.SpoolPath, Guid.NewGuid().ToString("N") + ".part");
    }

    public string Key { get; }

    public long Length { get; }

    public DigestAlgorithm Algorithm { get; }

    public long Offset => _hasher.Length;

    private long SpoolLength => Offset - (long)_parts.Count * _partSize;

    public async Task<long> AppendAsync(Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        Enter();
        try
        {
            return await StreamAppender.AppendAsync(Key, Length, Offset, content, async (piece, ct) =>
            {
                while (!piece.IsEmpty)
                {
                    // A part that filled up but failed to upload before is sent first.
                    if (SpoolLength == _partSize)
                    {
                        await UploadPartAsync(ct).ConfigureAwait(false);
                    }

                    var take = (int)Math.Min(piece.Length, _partSize - SpoolLength);
                    await WriteSpoolAsync(piece[..take], ct).ConfigureAwait(false);
                    piece = piece[take..];
                }

                if (SpoolLength == _partSize && Offset < Length)
                {
                    await UploadPartAsync(ct).ConfigureAwait(false);
                }

                return Offset;
            }, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    public async Task<StoredObject> CompleteAsync(ContentDigest? expectedDigest, CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            if (Offset != Length)
            {
                throw new ObjectLengthMismatchException(Key, Length, Offset,
                    $"The upload of '{Key}' holds {Offset} of its {Length} bytes; append the rest from offset {Offset} before completing.");
            }

            var digest = new ContentDigest(Algorithm, _hasher.GetCurrentHexDigest());
            if (expectedDigest is not null && expectedDigest != digest)
            {
                await DiscardAsync().ConfigureAwait(false);
                throw new ObjectDigestMismatchException(Key, expectedDigest, digest);
            }

            // The last part, which may be short (and, for an empty object, empty: S3 needs one part).
            if (SpoolLength > 0 || _parts.Count == 0)
            {
                await UploadPartAsync(cancellationToken).ConfigureAwait(false);
            }

            // Narrows the window for services that ignore If-None-Match (see the README); S3 itself closes it.
            if (await _store.HeadAsync(Key, cancellationToken).ConfigureAwait(false) is not null)
            {
                await DiscardAsync().ConfigureAwait(false);
                throw new ObjectAlreadyExistsException(Key);
            }

            var request = new CompleteMultipartUploadRequest
            {
                BucketName = _store.Options.BucketName,
                Key = _store.ObjectName(Key),
                UploadId = _uploadId,
                PartETags = [.. _parts],
            };
            if (_store.Options.UseConditionalWrites)
            {
                request.IfNoneMatch = "*";
            }

            CompleteMultipartUploadResponse response;
            try
            {
                response = await _store.Client.CompleteMultipartUploadAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
            {
                await DiscardAsync().ConfigureAwait(false);
                throw new ObjectAlreadyExistsException(Key, ex);
            }
            catch (AmazonServiceException ex)
            {
                throw S3ObjectStore.Failed(Key, ex);
            }

            Finish();
            var stored = _store.Describe(Key, response.VersionId, response.ETag, Length, null) with { Digest = digest };
            Log.ObjectStored(_store.Logger, Key, stored.Version, Length, digest.Algorithm.Name, digest.Hex);
            return stored;
        }
        finally
        {
            Exit();
        }
    }

    public async Task AbortAsync(CancellationToken cancellationToken = default)
    {
        Enter();
        try
        {
            await DiscardAsync().ConfigureAwait(false);
        }
        finally
        {
            Exit();
        }
    }

    private async Task WriteSpoolAsync(ReadOnlyMemory<byte> piece, CancellationToken cancellationToken)
    {
        if (_finished)
        {
            throw new InvalidOperationException($"The upload of '{Key}' was already completed or aborted.");
        }

        _spool ??= new FileStream(_spoolPath, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        });
        _partMd5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        try
        {
            await _spool.WriteAsync(piece, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            // Cut the spool back to the bytes that were hashed.
            _spool.SetLength(SpoolLength);
            _spool.Seek(0, SeekOrigin.End);
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new ObjectStoreException(Key, $"Spooling the upload of '{Key}' to '{_spoolPath}' failed: {ex.Message}", ex);
        }

        _hasher.Append(piece.Span);
        _partMd5.AppendData(piece.Span);
    }

    private async Task UploadPartAsync(CancellationToken cancellationToken)
    {
        var length = SpoolLength;
        _spool ??= new FileStream(_spoolPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, 0, FileOptions.Asynchronous);
        _partMd5 ??= IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        await _spool.FlushAsync(cancellationToken).ConfigureAwait(false);
        var partNumber = _parts.Count + 1;

        // A reader of its own: the SDK disposes the request's stream, and the spool must stay open for a retry.
        var reader = new FileStream(_spoolPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using var readerScope = reader.ConfigureAwait(false);
        var request = new UploadPartRequest
        {
            BucketName = _store.Options.BucketName,
            Key = _store.ObjectName(Key),
            UploadId = _uploadId,
            PartNumber = partNumber,
            InputStream = reader,
            PartSize = length,
            UseChunkEncoding = false,

            // Content-MD5: S3 checks the part arrived intact, and Object Lock buckets require it.
            MD5Digest = Convert.ToBase64String(_partMd5.GetCurrentHash()),
        };
        var response = await S3ObjectStore.Call(Key, () => _store.Client.UploadPartAsync(request, cancellationToken)).ConfigureAwait(false);
        _parts.Add(new PartETag(partNumber, response.ETag));
        _spool.SetLength(0);
        _spool.Seek(0, SeekOrigin.Begin);
        _partMd5.Dispose();
        _partMd5 = null;
        Log.PartUploaded(_store.Logger, Key, partNumber, length);
    }

    private async Task DiscardAsync()
    {
        if (_finished)
        {
            return;
        }

        Finish();
        try
        {
            await _store.Client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
            {
                BucketName = _store.Options.BucketName,
                Key = _store.ObjectName(Key),
                UploadId = _uploadId,
            }).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            // Some S3-compatible services (s3rver, for one) cannot abort. The parts were never completed, so no
            // object is visible; they take space until the bucket's lifecycle rule removes incomplete uploads.
            Log.AbortUnsupported(_store.Logger, Key, ex.ErrorCode);
            return;
        }
        catch (AmazonServiceException ex)
        {
            throw S3ObjectStore.Failed(Key, ex);
        }

        Log.UploadAborted(_store.Logger, Key);
    }

    private void Finish()
    {
        _finished = true;
        _store.Forget(this);
        _spool?.Dispose();
        _spool = null;
        _partMd5?.Dispose();
        _partMd5 = null;
        _hasher.Dispose();
        File.Delete(_spoolPath);
    }

    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new UploadInProgressException(Key, $"The upload of '{Key}' is busy with another writer; one writer at a time.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);
}
