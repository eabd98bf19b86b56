namespace FabricEvidence.Evidence;

/// <summary>
/// The digest algorithms evidence content can be recorded with. Both produce 32 bytes, written as 64 lowercase
/// hexadecimal digits; <see cref="DigestAlgorithmNames"/> has the names the evidence contract uses.
/// </summary>
public enum DigestAlgorithm
{
    /// <summary>SHA-256 (FIPS 180-4), named <c>SHA-256</c>.</summary>
    Sha256 = 1,

    /// <summary>SM3 (GB/T 32905-2016, China's national hash standard), named <c>SM3</c>.</summary>
    Sm3 = 2,
}
