using System.Diagnostics.CodeAnalysis;

namespace FabricEvidence.Evidence;

/// <summary>
/// The names of the digest algorithms exactly as the evidence contract writes and accepts them (case-sensitive), and
/// the conversions to and from <see cref="DigestAlgorithm"/>.
/// </summary>
public static class DigestAlgorithmNames
{
    /// <summary>The name of <see cref="DigestAlgorithm.Sha256"/>: <c>SHA-256</c>.</summary>
    public const string Sha256 = "SHA-256";

    /// <summary>The name of <see cref="DigestAlgorithm.Sm3"/>: <c>SM3</c>.</summary>
    public const string Sm3 = "SM3";

    /// <summary>Returns the contract's name of <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">A defined algorithm.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="algorithm"/> is not a defined value.</exception>
    public static string GetName(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 => Sha256,
        DigestAlgorithm.Sm3 => Sm3,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a digest algorithm; use DigestAlgorithm.Sha256 or DigestAlgorithm.Sm3."),
    };

    /// <summary>Converts a contract name (<c>SHA-256</c> or <c>SM3</c>, exactly) to the algorithm.</summary>
    /// <param name="name">The name as the contract writes it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of the names.</exception>
    public static DigestAlgorithm Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryParse(name, out var algorithm)
            ? algorithm
            : throw new ArgumentException($"Unknown digest algorithm '{name}'; expected '{Sha256}' or '{Sm3}' (case-sensitive).", nameof(name));
    }

    /// <summary>Converts a contract name to the algorithm; false when <paramref name="name"/> is not exactly one of the names.</summary>
    /// <param name="name">The name as the contract writes it.</param>
    /// <param name="algorithm">The algorithm, when the name is known.</param>
    public static bool TryParse([NotNullWhen(true)] string? name, out DigestAlgorithm algorithm)
    {
        switch (name)
        {
            case Sha256:
                algorithm = DigestAlgorithm.Sha256;
                return true;
            case Sm3:
                algorithm = DigestAlgorithm.Sm3;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }
}
