using System.Buffers;

namespace FabricEvidence.Evidence;

/// <summary>Digests of evidence content computed by streaming: constant memory, whatever the size.</summary>
public static class EvidenceDigest
{
    /// <summary>The read size: large enough that the hash, not the system calls, sets the pace.</summary>
    private const int BufferSize = 1024 * 1024;

    /// <summary>Reads <paramref name="content"/> to its end and returns its digest.</summary>
    /// <param name="content">The content; read from its current position.</param>
    /// <param name="algorithm">SHA-256 or SM3.</param>
    /// <param name="progress">Receives the number of bytes read so far after each read; optional.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The digest (64 lowercase hex digits) and the number of bytes read.</returns>
    public static async Task<(string Digest, long Length)> ComputeAsync(Stream content, DigestAlgorithm algorithm, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(algorithm);
        using var hasher = EvidenceHasher.Create(algorithm);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hasher.Append(buffer.AsSpan(0, read));
                progress?.Report(hasher.Length);
            }

            var length = hasher.Length;
            return (hasher.GetHexDigestAndReset(), length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The digest of a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="algorithm">SHA-256 or SM3.</param>
    /// <param name="progress">Receives the number of bytes read so far; optional.</param>
    /// <param name="cancellationToken">Cancels the reading.</param>
    /// <returns>The digest and the file's length.</returns>
    public static async Task<(string Digest, long Length)> ComputeFileAsync(string path, DigestAlgorithm algorithm, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read, BufferSize = 0, Options = FileOptions.SequentialScan | FileOptions.Asynchronous });
        await using (stream.ConfigureAwait(false))
        {
            return await ComputeAsync(stream, algorithm, progress, cancellationToken).ConfigureAwait(false);
        }
    }
}
