namespace FabricEvidence.Identity.Client;

/// <summary>One recorded verification: who checked which claims (names, never values) of which credential, why, under which consent, with what result, when.</summary>
/// <param name="Id">The recording transaction's id.</param>
/// <param name="CredentialId">The credential.</param>
/// <param name="Claims">The claim paths the presentation disclosed, sorted.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="ConsentId">The consent that allowed it.</param>
/// <param name="Result">One of <see cref="VerificationResults"/>.</param>
/// <param name="PresentationHash">base64url SHA-256 of the presentation as received.</param>
/// <param name="Verifier">The verifier's organisation, role, certificate, transaction and time.</param>
public sealed record VerificationRecord(string Id, string CredentialId, IReadOnlyList<string> Claims, string Purpose, string ConsentId, string Result, string PresentationHash, PartyAction Verifier)
{
    /// <summary>Whether the result is <see cref="VerificationResults.Passed"/>.</summary>
    public bool Passed => Result == VerificationResults.Passed;
}
