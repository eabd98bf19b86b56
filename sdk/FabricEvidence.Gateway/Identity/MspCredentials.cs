using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Gateway;

/// <summary>An identity and the signer for its private key, as loaded from an MSP folder.</summary>
public sealed class MspCredentials
{
    /// <summary>Creates the pair.</summary>
    public MspCredentials(X509Identity identity, ISigner signer)
    {
        Identity = identity ?? throw new ArgumentNullException(nameof(identity));
        Signer = signer ?? throw new ArgumentNullException(nameof(signer));
    }

    /// <summary>The identity.</summary>
    public X509Identity Identity { get; }

    /// <summary>The signer for the identity's private key.</summary>
    public ISigner Signer { get; }
}
