namespace FabricEvidence.Gateway;

/// <summary>
/// A step of the transaction flow that is signed before it is sent. For offline signing, send
/// <see cref="GetDigest"/> to the signer, then rebuild the step from <see cref="GetBytes"/> and the signature with the
/// matching <c>IGateway.NewSigned…</c> method. A step that is not yet signed when it is sent is signed then, with the
/// gateway's signer.
/// </summary>
public interface ISignable
{
    /// <summary>
    /// The step's serialized form, identical to Hyperledger's clients' (a <c>gateway.ProposedTransaction</c>,
    /// <c>gateway.PreparedTransaction</c>, <c>gateway.SignedCommitStatusRequest</c>,
    /// <c>gateway.SignedChaincodeEventsRequest</c> or <c>common.Envelope</c>), so it can be handed between them.
    /// </summary>
    byte[] GetBytes();

    /// <summary>What the signer must sign: the gateway's <see cref="Hash"/> of the signed part of the message.</summary>
    byte[] GetDigest();
}
