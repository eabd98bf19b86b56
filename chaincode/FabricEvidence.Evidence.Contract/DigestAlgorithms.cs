namespace FabricEvidence.Evidence.Contract;

/// <summary>The digest algorithms the contract accepts. Both produce 32 bytes, written as 64 lowercase hex digits.</summary>
public static class DigestAlgorithms
{
    /// <summary><c>SHA-256</c> (FIPS 180-4).</summary>
    public const string Sha256 = "SHA-256";

    /// <summary><c>SM3</c> (GB/T 32905-2016), China's national hash standard.</summary>
    public const string Sm3 = "SM3";
}
