namespace FabricEvidence.Identity.Client;

/// <summary>A status change of a credential.</summary>
/// <param name="Status">The status it set.</param>
/// <param name="ReasonCode">One of <see cref="StatusReasons"/>.</param>
/// <param name="By">The issuer's transaction.</param>
public sealed record StatusChange(CredentialStatus Status, string ReasonCode, PartyAction By);
