namespace FabricEvidence.Gateway;

/// <summary>
/// The client identity a gateway acts as: a member of an organization's MSP with its credentials. It is serialized
/// into every request as the "creator" (<c>msp.SerializedIdentity{mspid, id_bytes = Credentials}</c>).
/// </summary>
public interface IIdentity
{
    /// <summary>The MSP ID of the organization the identity belongs to, for example <c>Org1MSP</c>.</summary>
    string MspId { get; }

    /// <summary>The identity's credentials as the MSP expects them; for X.509 identities, the certificate in PEM form.</summary>
    ReadOnlyMemory<byte> Credentials { get; }
}
