namespace FabricEvidence.Identity.Client;

/// <summary>An issued credential: what the holder receives and what the ledger recorded of it.</summary>
/// <param name="Record">The ledger's record (<see cref="CredentialStatus.Valid"/>, with its issuance details).</param>
/// <param name="Credential">The SD-JWT VC with every disclosure, for the holder only; never store or log it.</param>
public sealed record IssuanceResult(CredentialRecord Record, IssuedCredential Credential);
