namespace FabricEvidence.Identity.Client;

/// <summary>A holder's consent that one verifier may check named claims of one credential for one purpose until a time.</summary>
/// <param name="Id">The consent id.</param>
/// <param name="CredentialId">The credential.</param>
/// <param name="Verifier">The verifying organisation (MSP id).</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="Claims">The claim paths the verifier may see, sorted.</param>
/// <param name="IssuedAt">When the holder signed it.</param>
/// <param name="Expires">When it lapses.</param>
/// <param name="TokenHash">base64url SHA-256 of the holder-signed consent.</param>
/// <param name="Recorded">The recording transaction.</param>
public sealed record ConsentRecord(string Id, string CredentialId, string Verifier, string Purpose, IReadOnlyList<string> Claims, DateTimeOffset IssuedAt, DateTimeOffset Expires, string TokenHash, PartyAction Recorded)
{
    /// <summary>The holder's withdrawal, if withdrawn.</summary>
    public PartyAction? Revoked { get; init; }
}
