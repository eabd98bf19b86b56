namespace FabricEvidence.Evidence.Storage;

/// <summary>
/// An object being written: bytes are appended in order, hashed as they are written, and the object is committed
/// by <see cref="CompleteAsync"/>. What an append received before its source failed (a dropped connection) stays,
/// and <see cref="Offset"/> says where to continue. One writer at a time.
/// </summary>
public interface IObjectUpload
{
    /// <summary>The object's key.</summary>
    string Key { get; }

    /// <summary>The object's declared length in bytes.</summary>
    long Length { get; }

    /// <summary>The digest computed while writing.</summary>
    DigestAlgorithm Algorithm { get; }

    /// <summary>How many bytes the store holds (and has hashed): where the next append continues.</summary>
    long Offset { get; }

    /// <summary>
    /// Appends the bytes of <paramref name="content"/> to its end. When reading fails part-way, the bytes read before
    /// stay appended and the exception propagates.
    /// </summary>
    /// <param name="content">The next bytes of the object.</param>
    /// <param name="progress">Told the upload's offset after each buffer written; optional.</param>
    /// <param name="cancellationToken">Stops reading; what was written stays.</param>
    /// <returns>The new <see cref="Offset"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="ObjectLengthMismatchException">The content goes past the declared length; the bytes up to it are kept.</exception>
    /// <exception cref="UploadInProgressException">Another append or completion of this upload is running.</exception>
    /// <exception cref="InvalidOperationException">The upload was completed or aborted.</exception>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    Task<long> AppendAsync(Stream content, IProgress<long>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits the object under its key, write-once. When the digest differs from <paramref name="expectedDigest"/>
    /// the upload is aborted and nothing is stored.
    /// </summary>
    /// <param name="expectedDigest">The digest the content must have; null to accept any.</param>
    /// <param name="cancellationToken">Stops the call before the commit.</param>
    /// <returns>The stored object, with the digest computed while writing.</returns>
    /// <exception cref="ObjectLengthMismatchException">Fewer bytes than the declared length were appended; the upload stays open.</exception>
    /// <exception cref="ObjectDigestMismatchException">The content's digest is not the expected one; the upload was aborted.</exception>
    /// <exception cref="ObjectAlreadyExistsException">An object with the key appeared meanwhile; the upload was aborted.</exception>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    Task<StoredObject> CompleteAsync(ContentDigest? expectedDigest, CancellationToken cancellationToken = default);

    /// <summary>Discards the upload and what it received. Nothing happens when it is already gone.</summary>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    Task AbortAsync(CancellationToken cancellationToken = default);
}
