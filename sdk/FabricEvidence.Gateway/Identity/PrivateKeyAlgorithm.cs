namespace FabricEvidence.Gateway;

/// <summary>The key types a <see cref="PrivateKey"/> can hold: those Fabric MSPs accept for signing.</summary>
public enum PrivateKeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256 (secp256r1), Fabric's default.</summary>
    EcdsaP256,

    /// <summary>ECDSA on NIST P-384 (secp384r1).</summary>
    EcdsaP384,

    /// <summary>ECDSA on NIST P-521 (secp521r1).</summary>
    EcdsaP521,

    /// <summary>Ed25519, accepted by Fabric 3 MSPs on channels with the V3_0 capability. Pair with <see cref="Hash.None"/>.</summary>
    Ed25519,
}
