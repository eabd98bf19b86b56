namespace FabricEvidence.Evidence.Storage;

/// <summary>
/// A write-once store of evidence objects. An object is written through an upload (<see cref="StartUploadAsync"/>):
/// the store hashes the bytes as it writes them, and the object becomes visible, under its key, only when the upload
/// completes with the declared length (and the expected digest, when one is given); a key is never written twice. An
/// upload cut off part-way keeps what it received and continues where it stopped (<see cref="ResumeUploadAsync"/>).
/// Implementations are thread-safe; one upload is used by one writer at a time.
/// </summary>
/// <remarks>
/// Keys are 1 to 128 characters of <c>[A-Za-z0-9._-]</c> starting with a letter or digit (evidence ids are), so they
/// are safe as file names and S3 keys alike.
/// </remarks>
public interface IEvidenceObjectStore
{
    /// <summary>Starts writing a new object.</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="length">The object's exact length in bytes.</param>
    /// <param name="algorithm">The digest to compute while writing.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The upload, at offset 0.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is malformed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ObjectAlreadyExistsException">An object with the key exists.</exception>
    /// <exception cref="UploadInProgressException">An upload of the key is already in progress; resume it or abort it.</exception>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    Task<IObjectUpload> StartUploadAsync(string key, long length, DigestAlgorithm algorithm, CancellationToken cancellationToken = default);

    /// <summary>Returns the upload of a key that is in progress, to continue it; null when there is none.</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is malformed.</exception>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    Task<IObjectUpload?> ResumeUploadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Describes a stored object; null when there is none with the key.</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is malformed.</exception>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored object for reading.</summary>
    /// <param name="key">The object's key.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <returns>The object's description and a stream of its bytes; dispose it.</returns>
    /// <exception cref="ArgumentException"><paramref name="key"/> is malformed.</exception>
    /// <exception cref="ObjectNotFoundException">There is no object with the key.</exception>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    Task<ObjectContent> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Lists every stored object (not uploads in progress), for scheduling integrity checks.</summary>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    IAsyncEnumerable<StoredObject> ListAsync(CancellationToken cancellationToken = default);
}
