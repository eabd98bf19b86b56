using FabricEvidence.Evidence.Internal;

namespace FabricEvidence.Evidence;

/// <summary>
/// An incremental digest: append content as it passes (while writing it to storage, say) and read the digest at the
/// end, without holding the content. Not thread-safe; one instance per stream of content.
/// </summary>
public sealed class EvidenceHasher : IDisposable
{
    private readonly IHashCore _core;
    private bool _disposed;

    private EvidenceHasher(DigestAlgorithm algorithm, IHashCore core)
    {
        Algorithm = algorithm;
        _core = core;
    }

    /// <summary>The algorithm this hasher computes.</summary>
    public DigestAlgorithm Algorithm { get; }

    /// <summary>How many bytes were appended since creation or the last <see cref="GetDigestAndReset"/>.</summary>
    public long BytesHashed { get; private set; }

    /// <summary>Starts a digest computation.</summary>
    /// <param name="algorithm">The algorithm to compute.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not defined.</exception>
    public static EvidenceHasher Create(DigestAlgorithm algorithm) => new(algorithm, HashCores.Create(algorithm));

    /// <summary>Adds the next bytes of the content.</summary>
    /// <param name="data">The bytes, in content order.</param>
    /// <exception cref="ObjectDisposedException">The hasher was disposed.</exception>
    public void Append(ReadOnlySpan<byte> data)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _core.Append(data);
        BytesHashed += data.Length;
    }

    /// <summary>The digest of everything appended so far; appending may continue afterwards.</summary>
    /// <exception cref="ObjectDisposedException">The hasher was disposed.</exception>
    public EvidenceDigest GetCurrentDigest()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> value = stackalloc byte[EvidenceDigest.SizeInBytes];
        _core.GetCurrentHash(value);
        return EvidenceDigest.FromBytes(Algorithm, value);
    }

    /// <summary>The digest of everything appended so far; the hasher then starts again from empty content.</summary>
    /// <exception cref="ObjectDisposedException">The hasher was disposed.</exception>
    public EvidenceDigest GetDigestAndReset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Span<byte> value = stackalloc byte[EvidenceDigest.SizeInBytes];
        _core.GetHashAndReset(value);
        BytesHashed = 0;
        return EvidenceDigest.FromBytes(Algorithm, value);
    }

    /// <summary>Releases the platform hash state.</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _core.Dispose();
        }
    }
}
