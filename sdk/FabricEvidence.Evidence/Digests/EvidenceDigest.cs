using System.Diagnostics.CodeAnalysis;

namespace FabricEvidence.Evidence;

/// <summary>
/// A digest of evidence content: the algorithm and its 32-byte value, whose text form is 64 lowercase hexadecimal
/// digits (the form the evidence contract records). Two digests are equal when algorithm and value are.
/// </summary>
public sealed class EvidenceDigest : IEquatable<EvidenceDigest>
{
    /// <summary>The length in bytes of every supported digest (SHA-256 and SM3 both produce 32 bytes).</summary>
    public const int SizeInBytes = 32;

    private readonly byte[] _value;

    private EvidenceDigest(DigestAlgorithm algorithm, byte[] value)
    {
        Algorithm = algorithm;
        _value = value;
        Hex = Convert.ToHexStringLower(value);
    }

    /// <summary>The algorithm that produced the digest.</summary>
    public DigestAlgorithm Algorithm { get; }

    /// <summary>The algorithm's name as the contract writes it (<c>SHA-256</c> or <c>SM3</c>).</summary>
    public string AlgorithmName => DigestAlgorithmNames.GetName(Algorithm);

    /// <summary>The 32 digest bytes.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>The digest as 64 lowercase hexadecimal digits.</summary>
    public string Hex { get; }

    /// <summary>Makes a digest from its 32 bytes.</summary>
    /// <param name="algorithm">The algorithm that produced <paramref name="value"/>.</param>
    /// <param name="value">Exactly <see cref="SizeInBytes"/> bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not defined.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not 32 bytes long.</exception>
    public static EvidenceDigest FromBytes(DigestAlgorithm algorithm, ReadOnlySpan<byte> value)
    {
        _ = DigestAlgorithmNames.GetName(algorithm);
        if (value.Length != SizeInBytes)
        {
            throw new ArgumentException($"A {DigestAlgorithmNames.GetName(algorithm)} digest is {SizeInBytes} bytes, not {value.Length}.", nameof(value));
        }

        return new EvidenceDigest(algorithm, value.ToArray());
    }

    /// <summary>Reads a digest from its text form: exactly 64 lowercase hexadecimal digits.</summary>
    /// <param name="algorithm">The algorithm the digest was computed with.</param>
    /// <param name="hex">The text form.</param>
    /// <exception cref="ArgumentNullException"><paramref name="hex"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="hex"/> is not 64 lowercase hexadecimal digits.</exception>
    public static EvidenceDigest Parse(DigestAlgorithm algorithm, string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        _ = DigestAlgorithmNames.GetName(algorithm);
        return TryParse(algorithm, hex, out var digest)
            ? digest
            : throw new FormatException($"A {DigestAlgorithmNames.GetName(algorithm)} digest is written as {SizeInBytes * 2} lowercase hexadecimal digits (0-9, a-f); got {Describe(hex)}.");
    }

    /// <summary>Reads a digest from its text form; false unless <paramref name="hex"/> is exactly 64 lowercase hexadecimal digits.</summary>
    /// <param name="algorithm">The algorithm the digest was computed with.</param>
    /// <param name="hex">The text form.</param>
    /// <param name="digest">The digest, when the text is well formed.</param>
    public static bool TryParse(DigestAlgorithm algorithm, [NotNullWhen(true)] string? hex, [NotNullWhen(true)] out EvidenceDigest? digest)
    {
        digest = null;
        if (hex is null || hex.Length != SizeInBytes * 2 || !Enum.IsDefined(algorithm))
        {
            return false;
        }

        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        digest = new EvidenceDigest(algorithm, Convert.FromHexString(hex));
        return true;
    }

    /// <summary>Whether <paramref name="other"/> has the same algorithm and value.</summary>
    /// <param name="other">The digest to compare with.</param>
    public bool Equals(EvidenceDigest? other) =>
        other is not null && other.Algorithm == Algorithm && other._value.AsSpan().SequenceEqual(_value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EvidenceDigest);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Algorithm, BitConverter.ToInt32(_value, 0));

    /// <summary>The text form: 64 lowercase hexadecimal digits (<see cref="Hex"/>).</summary>
    public override string ToString() => Hex;

    /// <summary>Whether two digests are equal.</summary>
    /// <param name="left">One digest.</param>
    /// <param name="right">The other.</param>
    public static bool operator ==(EvidenceDigest? left, EvidenceDigest? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two digests differ.</summary>
    /// <param name="left">One digest.</param>
    /// <param name="right">The other.</param>
    public static bool operator !=(EvidenceDigest? left, EvidenceDigest? right) => !(left == right);

    // Enough to say what is wrong without echoing a long or binary value into a log.
    private static string Describe(string text) =>
        text.Length > SizeInBytes * 2 + 8 ? $"{text.Length} characters" : $"'{text}' ({text.Length} characters)";
}
