using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract;

/// <summary>A holder's consent that one verifier may check named claims of one credential for one purpose until a time.</summary>
/// <param name="Id">The consent id (<c>jti</c> of the signed consent).</param>
/// <param name="CredentialId">The credential.</param>
/// <param name="Verifier">The verifying organisation (MSP id).</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="Claims">The claim paths the verifier may see, sorted.</param>
/// <param name="IssuedAt">When the holder signed it.</param>
/// <param name="Expires">When it lapses.</param>
/// <param name="TokenHash">base64url SHA-256 of the holder-signed consent (the token itself is in the transaction's arguments).</param>
/// <param name="Recorded">The recording transaction.</param>
[DataType(Description = "A holder-signed consent: verifier, purpose, claim names, expiry")]
public sealed record ConsentRecord(string Id, string CredentialId, string Verifier, string Purpose, IReadOnlyList<string> Claims, FabricTimestamp IssuedAt, FabricTimestamp Expires, string TokenHash, PartyAction Recorded)
{
    /// <summary>The holder's revocation, if revoked.</summary>
    public PartyAction? Revoked { get; init; }
}
