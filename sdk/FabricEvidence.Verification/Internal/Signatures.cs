using System.Security.Cryptography;

namespace FabricEvidence.Verification.Internal;

/// <summary>
/// Signature verification as a Fabric MSP does it (msp/identities.go, fabric-lib-go bccsp/sw/ecdsa.go): the message is
/// hashed with the MSP's hash family (SHA-256 for SHA2, SHA3-256 for SHA3) whatever the curve, the signature is a DER
/// SEQUENCE { r, s }, and a signature with s above half the curve order is refused.
/// </summary>
internal static class Signatures
{
    /// <summary>Null when the signature is valid; otherwise why not.</summary>
    public static string? Verify(CertificateInfo signer, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        if (signature.IsEmpty)
        {
            return "the signature is empty";
        }

        var key = signer.EcdsaKey;
        if (key is null)
        {
            return $"the certificate's key ({signer.Certificate.PublicKey.Oid.FriendlyName ?? signer.Certificate.PublicKey.Oid.Value}) is not an ECDSA key; this verifier checks ECDSA signatures only";
        }

        if (!CertificateInfo.TryReadEcdsaSignature(signature, out _, out var s))
        {
            return "the signature is not a DER-encoded ECDSA signature";
        }

        if (s > signer.HalfOrder)
        {
            return "the signature's s is above half the curve order (Fabric accepts low-S signatures only)";
        }

        try
        {
            return key.VerifyData(message, signature, hash, DSASignatureFormat.Rfc3279DerSequence)
                ? null
                : "the signature does not match the signed bytes and the certificate's key";
        }
        catch (CryptographicException e)
        {
            return $"the signature cannot be verified ({e.Message})";
        }
    }
}
