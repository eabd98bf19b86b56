namespace FabricEvidence.Verification;

/// <summary>
/// The file digest algorithms a bundle may name, spelled as the evidence contract records them
/// (<c>digestAlgorithm</c> of an evidence record).
/// </summary>
public static class DigestAlgorithms
{
    /// <summary>SHA-256 (FIPS 180-4): <c>"SHA-256"</c>.</summary>
    public const string Sha256 = "SHA-256";

    /// <summary>SM3 (GB/T 32905-2016), China's national hash standard: <c>"SM3"</c>.</summary>
    public const string Sm3 = "SM3";

    /// <summary>Whether <paramref name="algorithm"/> is one of the supported names (exact spelling, ordinal).</summary>
    /// <param name="algorithm">The name to test.</param>
    /// <returns><see langword="true"/> for <see cref="Sha256"/> and <see cref="Sm3"/>.</returns>
    public static bool IsSupported(string? algorithm) => algorithm is Sha256 or Sm3;
}
