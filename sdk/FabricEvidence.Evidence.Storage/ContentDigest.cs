using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace FabricEvidence.Evidence.Storage;

/// <summary>
/// A digest value with its algorithm, as a store computed it or an object's record holds it: 64 lowercase hex digits
/// (the form the evidence contract records). The digests themselves are computed by <see cref="EvidenceHasher"/>.
/// </summary>
/// <param name="Algorithm">SHA-256 or SM3.</param>
/// <param name="Hex">The digest, 64 lowercase hex digits.</param>
public sealed record ContentDigest(DigestAlgorithm Algorithm, string Hex)
{
    private static readonly SearchValues<char> LowerHexDigits = SearchValues.Create("0123456789abcdef");

    /// <summary>The digest of bytes held in memory.</summary>
    /// <param name="algorithm">SHA-256 or SM3.</param>
    /// <param name="content">The bytes.</param>
    /// <returns>The digest.</returns>
    public static ContentDigest Compute(DigestAlgorithm algorithm, ReadOnlySpan<byte> content)
    {
        using var hasher = EvidenceHasher.Create(algorithm);
        hasher.Append(content);
        return new ContentDigest(algorithm, hasher.GetHexDigestAndReset());
    }

    /// <summary>Reads a digest from the contract's algorithm name and hex form; false unless both are well formed.</summary>
    /// <param name="algorithmName"><c>SHA-256</c> or <c>SM3</c>.</param>
    /// <param name="hex">64 lowercase hex digits.</param>
    /// <param name="digest">The digest, when both are well formed.</param>
    /// <returns>Whether they were.</returns>
    public static bool TryParse(string? algorithmName, string? hex, [NotNullWhen(true)] out ContentDigest? digest)
    {
        digest = null;
        if (algorithmName is not ("SHA-256" or "SM3") || !IsHex(hex))
        {
            return false;
        }

        digest = new ContentDigest(DigestAlgorithm.FromName(algorithmName), hex);
        return true;
    }

    /// <summary>Whether a text is a digest's form: exactly 64 lowercase hex digits.</summary>
    /// <param name="hex">The text.</param>
    /// <returns>Whether it is.</returns>
    public static bool IsHex([NotNullWhen(true)] string? hex) =>
        hex is { Length: 64 } && hex.AsSpan().IndexOfAnyExcept(LowerHexDigits) < 0;

    /// <summary>The hex form.</summary>
    /// <returns><see cref="Hex"/>.</returns>
    public override string ToString() => Hex;
}
