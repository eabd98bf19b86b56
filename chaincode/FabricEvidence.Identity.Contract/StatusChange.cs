namespace FabricEvidence.Identity.Contract;

/// <summary>A status change of a credential.</summary>
/// <param name="Status">The status it set.</param>
/// <param name="ReasonCode">One of <see cref="StatusReasonCodes"/>.</param>
/// <param name="By">The issuer's transaction.</param>
[DataType(Description = "A status change: new status, reason code, transaction")]
public sealed record StatusChange(CredentialStatus Status, string ReasonCode, PartyAction By);
