namespace FabricEvidence.Gateway;

/// <summary>Signers over private keys held in this process.</summary>
public static class Signers
{
    /// <summary>
    /// Creates a signer for <paramref name="privateKey"/>. ECDSA signers return DER signatures normalised to low S;
    /// Ed25519 signers sign the whole message and need a gateway with <see cref="Hash.None"/>. The signer keeps its own
    /// copy of the key. Prefer <see cref="Identities.CreateSigner"/>, which also checks the key against the certificate.
    /// </summary>
    public static ISigner CreatePrivateKeySigner(PrivateKey privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        return privateKey.CreateSigner();
    }
}
