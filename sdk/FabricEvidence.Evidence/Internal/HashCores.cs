namespace FabricEvidence.Evidence.Internal;

internal static class HashCores
{
    public static IHashCore Create(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Sha256 => new Sha256Core(),
        DigestAlgorithm.Sm3 => new BouncyCastleSm3Core(),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a digest algorithm; use DigestAlgorithm.Sha256 or DigestAlgorithm.Sm3."),
    };
}
