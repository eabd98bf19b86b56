namespace FabricEvidence.Gateway;

/// <summary>
/// Signs digests for a gateway. The gateway hashes each message with its <see cref="Hash"/> and passes the result
/// here; an ECDSA signer returns a DER signature with a low S value, an Ed25519 signer (used with
/// <see cref="Hash.None"/>) signs the whole message. Implement this to sign with an HSM or a remote key service.
/// Implementations must be thread-safe.
/// </summary>
public interface ISigner
{
    /// <summary>Signs <paramref name="digest"/> and returns the signature.</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);
}
