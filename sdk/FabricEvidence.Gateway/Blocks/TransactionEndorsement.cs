using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Gateway.Internal;
using FabricEvidence.Protocol.Msp;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Gateway;

/// <summary>
/// One endorsement of a chaincode transaction: the endorsing peer's identity and its signature over the proposal
/// response payload followed by the endorser's serialized identity.
/// </summary>
/// <param name="MspId">The endorser's MSP ID.</param>
/// <param name="IdBytes">The endorser's identity bytes: its PEM-encoded certificate.</param>
/// <param name="Endorser">The endorser's serialized <c>msp.SerializedIdentity</c>, as signed.</param>
/// <param name="Signature">The endorser's signature (DER ECDSA for Fabric's default MSPs).</param>
public sealed record TransactionEndorsement(string MspId, ReadOnlyMemory<byte> IdBytes, ReadOnlyMemory<byte> Endorser, ReadOnlyMemory<byte> Signature)
{
    /// <summary>The endorser's certificate.</summary>
    /// <returns>A new certificate instance; dispose it.</returns>
    /// <exception cref="FormatException">The identity bytes are not a PEM certificate.</exception>
    public X509Certificate2 GetCertificate() => Certificate(IdBytes.Span, $"the endorser of {MspId}");

    internal static TransactionEndorsement Read(Endorsement endorsement)
    {
        var identity = Messages.Parse(SerializedIdentity.Parser, endorsement.Endorser, "An endorsement's endorser");
        return new TransactionEndorsement(identity.Mspid, identity.IdBytes.Memory, endorsement.Endorser.Memory, endorsement.Signature.Memory);
    }

    internal static X509Certificate2 Certificate(ReadOnlySpan<byte> pem, string whose)
    {
        try
        {
            return X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(pem));
        }
        catch (CryptographicException ex)
        {
            throw new FormatException($"The identity of {whose} is not a PEM X.509 certificate: {ex.Message}", ex);
        }
    }
}
