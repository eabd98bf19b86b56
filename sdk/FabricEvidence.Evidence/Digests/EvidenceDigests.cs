using System.Buffers;

namespace FabricEvidence.Evidence;

/// <summary>
/// Computes digests of evidence content by streaming: the content is read once through one pooled buffer, so memory
/// stays the same whatever the size.
/// </summary>
public static class EvidenceDigests
{
    /// <summary>The size of the read buffer: large enough that per-read costs vanish, small enough to stay in cache.</summary>
    internal const int BufferSize = 1024 * 1024;

    /// <summary>Computes the digest of a byte sequence held in memory.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="content">The content.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not defined.</exception>
    public static EvidenceDigest Compute(DigestAlgorithm algorithm, ReadOnlySpan<byte> content)
    {
        using var hasher = EvidenceHasher.Create(algorithm);
        hasher.Append(content);
        return hasher.GetDigestAndReset();
    }

    /// <summary>Reads <paramref name="content"/> to its end and computes its digest.</summary>
    /// <param name="content">A readable stream, read from its current position; not disposed.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="progress">Told the number of bytes hashed so far after each buffer (about every MiB); optional.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="content"/> cannot be read.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not defined.</exception>
    public static async Task<DigestResult> ComputeAsync(Stream content, DigestAlgorithm algorithm, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanRead)
        {
            throw new ArgumentException("The stream cannot be read.", nameof(content));
        }

        using var hasher = EvidenceHasher.Create(algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
                progress?.Report(hasher.BytesHashed);
            }

            var length = hasher.BytesHashed;
            return new DigestResult(hasher.GetDigestAndReset(), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Computes the digest of a file, read sequentially without the stream's own buffering.</summary>
    /// <param name="path">The file.</param>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="progress">Told the number of bytes hashed so far after each buffer (about every MiB); optional.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static async Task<DigestResult> ComputeFileAsync(string path, DigestAlgorithm algorithm, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.SequentialScan,
        });
        await using (file.ConfigureAwait(false))
        {
            return await ComputeAsync(file, algorithm, progress, cancellationToken).ConfigureAwait(false);
        }
    }
}
