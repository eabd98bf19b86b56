using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace FabricEvidence.Evidence;

/// <summary>
/// An incremental digest of evidence bytes, fed as they are read or written (a storage service hashes while it
/// writes). Not thread-safe; dispose it.
/// </summary>
public sealed class EvidenceHasher : IDisposable
{
    private readonly IncrementalHash? _sha256;
    private readonly SM3Digest? _sm3;
    private long _length;

    private EvidenceHasher(DigestAlgorithm algorithm)
    {
        Algorithm = algorithm;
        if (algorithm == DigestAlgorithm.Sm3)
        {
            _sm3 = new SM3Digest();
        }
        else
        {
            _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
    }

    /// <summary>The algorithm.</summary>
    public DigestAlgorithm Algorithm { get; }

    /// <summary>How many bytes have been appended.</summary>
    public long Length => _length;

    /// <summary>Starts a digest.</summary>
    /// <param name="algorithm">SHA-256 or SM3.</param>
    /// <returns>The hasher.</returns>
    public static EvidenceHasher Create(DigestAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return new EvidenceHasher(algorithm);
    }

    /// <summary>Appends bytes.</summary>
    /// <param name="data">The next bytes of the content.</param>
    public void Append(ReadOnlySpan<byte> data)
    {
        if (_sha256 is not null)
        {
            _sha256.AppendData(data);
        }
        else
        {
            _sm3!.BlockUpdate(data);
        }

        _length += data.Length;
    }

    /// <summary>The digest of everything appended, as 64 lowercase hex digits; the hasher starts again empty.</summary>
    /// <returns>The hex digest.</returns>
    public string GetHexDigestAndReset()
    {
        Span<byte> digest = stackalloc byte[32];
        if (_sha256 is not null)
        {
            _sha256.GetHashAndReset(digest);
        }
        else
        {
            _sm3!.DoFinal(digest);
        }

        _length = 0;
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>
    /// The digest of everything appended so far, as 64 lowercase hex digits; appending may go on afterwards (a store
    /// checks the digest before it commits an object and must still have it if the commit fails and is retried).
    /// </summary>
    /// <returns>The hex digest.</returns>
    public string GetCurrentHexDigest()
    {
        Span<byte> digest = stackalloc byte[32];
        if (_sha256 is not null)
        {
            _sha256.GetCurrentHash(digest);
        }
        else
        {
            // SM3Digest has no non-destructive finish: finish a copy of its state.
            new SM3Digest(_sm3!).DoFinal(digest);
        }

        return Convert.ToHexStringLower(digest);
    }

    /// <inheritdoc />
    public void Dispose() => _sha256?.Dispose();
}
