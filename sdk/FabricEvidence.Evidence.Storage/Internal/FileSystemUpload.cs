namespace FabricEvidence.Evidence.Storage.Internal;

/// <summary>
/// An upload into <c>uploads/{key}/content</c>. Every buffer is written and then hashed, so the file and the hash
/// state always cover the same bytes; after a failed write the file is cut back to what was hashed.
/// </summary>
internal sealed class FileSystemUpload : IObjectUpload
{
    private readonly FileSystemObjectStore _store;
    private readonly UploadRecord _record;
    private readonly string _folder;
    private int _busy;
    private readonly EvidenceHasher _hasher;
    private FileStream? _content;

    private FileSystemUpload(FileSystemObjectStore store, UploadRecord record, string folder, FileStream content, EvidenceHasher hasher)
    {
        _store = store;
        _record = record;
        _folder = folder;
        _content = content;
        _hasher = hasher;
        Algorithm = hasher.Algorithm;
    }

    public string Key => _record.Key;

    public long Length => _record.Length;

    public DigestAlgorithm Algorithm { get; }

    public long Offset => _hasher.Length;

    public static FileSystemUpload Open(FileSystemObjectStore store, UploadRecord record, string folder, bool hashExisting)
    {
        var algorithm = record.DigestAlgorithm is "SHA-256" or "SM3"
            ? DigestAlgorithm.FromName(record.DigestAlgorithm)
            : throw new ObjectStoreException(record.Key, $"The upload record of '{record.Key}' names an unknown digest algorithm '{record.DigestAlgorithm}'.");
        var content = new FileStream(Path.Combine(folder, "content"), new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        });
        var hasher = EvidenceHasher.Create(algorithm);
        if (hashExisting)
        {
            var buffer = new byte[StreamAppender.BufferSize];
            var usable = Math.Min(content.Length, record.Length);
            int read;
            while (hasher.Length < usable && (read = content.Read(buffer, 0, (int)Math.Min(buffer.Length, usable - hasher.Length))) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
            }

            content.SetLength(hasher.Length);
        }

        content.Seek(0, SeekOrigin.End);
        return new FileSystemUpload(store, record, folder, content, hasher);
    }

    public async Task<long> AppendAsync(Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        Enter();
        try
        {
            var file = _content ?? throw Finished();
            return await StreamAppender.AppendAsync(Key, Length, Offset, content, async (piece, ct) =>
            {
                try
                {
                    await file.WriteAsync(piece, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    CutBack(file);
                    throw new ObjectStoreException(Key, $"Writing the upload of '{Key}' failed: {ex.Message}", ex);
                }
                catch (OperationCanceledException)
                {
                    CutBack(file);
                    throw;
                }

                _hasher.Append(piece.Span);
                return _hasher.Length;
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
            var file = _content ?? throw Finished();
            if (Offset != Length)
            {
                throw new ObjectLengthMismatchException(Key, Length, Offset,
                    $"The upload of '{Key}' holds {Offset} of its {Length} bytes; append the rest from offset {Offset} before completing.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var digest = new ContentDigest(Algorithm, _hasher.GetCurrentHexDigest());
            if (expectedDigest is not null && expectedDigest != digest)
            {
                DiscardLocked();
                throw new ObjectDigestMismatchException(Key, expectedDigest, digest);
            }

            if (Directory.Exists(_store.ObjectFolder(Key)))
            {
                DiscardLocked();
                throw new ObjectAlreadyExistsException(Key);
            }

            try
            {
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(_store.SyncToDisk);
                await file.DisposeAsync().ConfigureAwait(false);
                _content = null;
                var record = new ObjectRecord(Key, _record.Version, Length, Algorithm.Name, digest.Hex, DateTimeOffset.UtcNow);
                if (!_store.Commit(Key, _folder, record))
                {
                    DiscardLocked();
                    throw new ObjectAlreadyExistsException(Key);
                }

                _store.Forget(this);
                _hasher.Dispose();
                return _store.ToStoredObject(record);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ObjectStoreException(Key, $"Committing '{Key}' failed: {ex.Message}", ex);
            }
        }
        finally
        {
            Exit();
        }
    }

    public Task AbortAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Enter();
        try
        {
            DiscardLocked();
        }
        finally
        {
            Exit();
        }

        return Task.CompletedTask;
    }

    private void DiscardLocked()
    {
        _content?.Dispose();
        _content = null;
        _store.Forget(this);
        try
        {
            if (Directory.Exists(_folder))
            {
                Directory.Delete(_folder, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ObjectStoreException(Key, $"Discarding the upload of '{Key}' failed: {ex.Message}", ex);
        }
    }

    private void Enter()
    {
        if (Interlocked.Exchange(ref _busy, 1) == 1)
        {
            throw new UploadInProgressException(Key, $"The upload of '{Key}' is busy with another writer; one writer at a time.");
        }
    }

    private void Exit() => Volatile.Write(ref _busy, 0);

    private InvalidOperationException Finished() => new($"The upload of '{Key}' was already completed or aborted.");

    // A write that failed or was cancelled half-way: cut the file back to the bytes that were hashed.
    private void CutBack(FileStream file)
    {
        file.SetLength(_hasher.Length);
        file.Seek(0, SeekOrigin.End);
    }
}
