namespace FabricEvidence.Identity.Contract;

/// <summary>One verification of a presentation, recorded by the verifier: who checked which claims (names, never values) of which credential, why, under which consent, with what result, when.</summary>
/// <param name="Id">The verification id: the recording transaction's id.</param>
/// <param name="CredentialId">The credential.</param>
/// <param name="Claims">The claim paths the presentation disclosed, sorted.</param>
/// <param name="Purpose">The purpose code.</param>
/// <param name="ConsentId">The consent that allowed it.</param>
/// <param name="Result">One of <see cref="VerificationResults"/>.</param>
/// <param name="PresentationHash">base64url SHA-256 of the whole presentation as received (with its key binding); its salted disclosures reveal nothing through it.</param>
/// <param name="Verifier">The verifier (organisation, role, certificate fingerprint), transaction and time.</param>
[DataType(Description = "A verification: verifier, credential, claim names, purpose, consent, result, time")]
public sealed record VerificationRecord(string Id, string CredentialId, IReadOnlyList<string> Claims, string Purpose, string ConsentId, string Result, string PresentationHash, PartyAction Verifier);
