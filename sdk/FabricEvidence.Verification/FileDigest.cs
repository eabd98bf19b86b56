using System.Buffers;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace FabricEvidence.Verification;

/// <summary>Computes a file's digest from a stream, the way the verifier recomputes an evidence file's digest.</summary>
public static class FileDigest
{
    private const int BufferSize = 128 * 1024;

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

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            if (algorithm == DigestAlgorithms.Sha256)
            {
                using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                int read;
                while ((read = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                }

                return Convert.ToHexStringLower(sha.GetHashAndReset());
            }

            var sm3 = new SM3Digest();
            int count;
            while ((count = await content.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                sm3.BlockUpdate(buffer, 0, count);
            }

            var result = new byte[sm3.GetDigestSize()];
            sm3.DoFinal(result, 0);
            return Convert.ToHexStringLower(result);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The digest of bytes in memory, lowercase hexadecimal.</summary>
    /// <param name="content">The bytes.</param>
    /// <param name="algorithm"><see cref="DigestAlgorithms.Sha256"/> or <see cref="DigestAlgorithms.Sm3"/>.</param>
    /// <returns>The digest, lowercase hexadecimal.</returns>
    /// <exception cref="ArgumentException"><paramref name="algorithm"/> is not a supported algorithm.</exception>
    public static string Compute(ReadOnlySpan<byte> content, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        switch (algorithm)
        {
            case DigestAlgorithms.Sha256:
                return Convert.ToHexStringLower(SHA256.HashData(content));
            case DigestAlgorithms.Sm3:
                var sm3 = new SM3Digest();
                sm3.BlockUpdate(content);
                var result = new byte[sm3.GetDigestSize()];
                sm3.DoFinal(result, 0);
                return Convert.ToHexStringLower(result);
            default:
                throw new ArgumentException($"Unsupported digest algorithm '{algorithm}'; use \"{DigestAlgorithms.Sha256}\" or \"{DigestAlgorithms.Sm3}\".", nameof(algorithm));
        }
    }
}
