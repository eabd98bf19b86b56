using FabricEvidence.Evidence;

namespace FabricEvidence.Verification;

/// <summary>Computes a file's digest from a stream, the way the verifier recomputes an evidence file's digest.</summary>
public static class FileDigest
{
    /// <summary>
    /// Reads <paramref name="content"/> to its end and returns its digest as lowercase hexadecimal (64 digits for both
    /// algorithms). The stream is read sequentially from its current position and is not disposed.
    /// </summary>
    /// <param name="content">The file's content.</param>
    /// <param name="algorithm"><see cref="DigestAlgorithms.Sha256"/> or <see cref="DigestAlgorithms.Sm3"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The digest, lowercase hexadecimal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> or <paramref name="algorithm"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not a supported algorithm.</exception>
    public static async Task<string> ComputeAsync(Stream content, string algorithm, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!DigestAlgorithms.IsSupported(algorithm))
        {
            throw new ArgumentException($"Unsupported digest algorithm '{algorithm}'; use \"{DigestAlgorithms.Sha256}\" or \"{DigestAlgorithms.Sm3}\".", nameof(algorithm));
        }

        // The same streaming digests the evidence client submits with (one implementation of SHA-256 and SM3).
        var (digest, _) = await EvidenceDigest.ComputeAsync(content, DigestAlgorithm.FromName(algorithm), progress: null, cancellationToken).ConfigureAwait(false);
        return digest;
    }

    /// <summary>The digest of bytes in memory, lowercase hexadecimal.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="algorithm"><see cref="DigestAlgorithms.Sha256"/> or <see cref="DigestAlgorithms.Sm3"/>.</param>
    /// <returns>The digest, lowercase hexadecimal.</returns>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not a supported algorithm.</exception>
    public static string Compute(ReadOnlySpan<byte> content, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        if (!DigestAlgorithms.IsSupported(algorithm))
        {
            throw new ArgumentException($"Unsupported digest algorithm '{algorithm}'; use \"{DigestAlgorithms.Sha256}\" or \"{DigestAlgorithms.Sm3}\".", nameof(algorithm));
        }

        using var hasher = EvidenceHasher.Create(DigestAlgorithm.FromName(algorithm));
        hasher.Append(content);
        return hasher.GetHexDigestAndReset();
    }
}
