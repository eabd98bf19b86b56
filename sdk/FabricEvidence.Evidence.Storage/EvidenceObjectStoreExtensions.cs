namespace FabricEvidence.Evidence.Storage;

/// <summary>One-call writes on any <see cref="IEvidenceObjectStore"/>.</summary>
public static class EvidenceObjectStoreExtensions
{
    /// <summary>
    /// Writes an object from a stream in one go: starts an upload, appends the stream, completes it. Any failure
    /// aborts the upload, so nothing is left behind or stored.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="key">The object's key.</param>
    /// <param name="content">The object's bytes; read to its end, not disposed.</param>
    /// <param name="length">The exact length of <paramref name="content"/>.</param>
    /// <param name="algorithm">The digest to compute while writing.</param>
    /// <param name="expectedDigest">The digest the content must have; null to accept any.</param>
    /// <param name="cancellationToken">Stops the write (and aborts it).</param>
    /// <returns>The stored object with its computed digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="store"/> or <paramref name="content"/> is null.</exception>
    /// <exception cref="ObjectAlreadyExistsException">An object with the key exists.</exception>
    /// <exception cref="ObjectLengthMismatchException">The stream is not <paramref name="length"/> bytes long.</exception>
    /// <exception cref="ObjectDigestMismatchException">The digest is not <paramref name="expectedDigest"/>.</exception>
    /// <exception cref="ObjectStoreException">The store failed.</exception>
    public static async Task<StoredObject> PutAsync(this IEvidenceObjectStore store, string key, Stream content, long length, DigestAlgorithm algorithm, ContentDigest? expectedDigest = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(content);
        var upload = await store.StartUploadAsync(key, length, algorithm, cancellationToken).ConfigureAwait(false);
        try
        {
            await upload.AppendAsync(content, null, cancellationToken).ConfigureAwait(false);
            return await upload.CompleteAsync(expectedDigest, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // CancellationToken.None: the abort must run even when the caller's token is what stopped the write.
            await upload.AbortAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
