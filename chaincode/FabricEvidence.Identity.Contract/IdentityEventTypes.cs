namespace FabricEvidence.Identity.Contract;

/// <summary>
/// The chaincode event names, one per submitted transaction. The payload is always an <see cref="IdentityEvent"/>
/// whose <see cref="IdentityEvent.Type"/> equals the name. No event carries a claim value or a person's name.
/// </summary>
public static class IdentityEventTypes
{
    /// <summary>The registry's organisations were set at deployment; carries <c>organisations</c>.</summary>
    public const string RegistryInitialized = "RegistryInitialized";

    /// <summary>An administrator proposed a change; carries <c>proposalId</c>, <c>kind</c>, <c>approvals</c>, <c>required</c>.</summary>
    public const string ChangeProposed = "ChangeProposed";

    /// <summary>Another organisation approved, still short of a majority; as <see cref="ChangeProposed"/>.</summary>
    public const string ChangeApproved = "ChangeApproved";

    /// <summary>A majority approved and the change is in force; carries <c>proposalId</c>, <c>kind</c>, and <c>issuerId</c> or <c>organisations</c>.</summary>
    public const string ChangeApplied = "ChangeApplied";

    /// <summary>The proposing organisation withdrew its proposal.</summary>
    public const string ChangeWithdrawn = "ChangeWithdrawn";

    /// <summary>A credential type (version) was registered; carries <c>vct</c> and <c>typeVersion</c>.</summary>
    public const string CredentialTypeRegistered = "CredentialTypeRegistered";

    /// <summary>An issuer reserved a status entry; carries <c>credentialId</c>, <c>vct</c>, <c>issuerId</c>, <c>statusListUri</c>, <c>statusIndex</c>.</summary>
    public const string StatusReserved = "StatusReserved";

    /// <summary>An issuer recorded an issuance; as <see cref="StatusReserved"/>.</summary>
    public const string CredentialIssued = "CredentialIssued";

    /// <summary>An issuer suspended a credential; carries <c>credentialId</c>, <c>statusListUri</c>, <c>statusIndex</c>, <c>status</c>, <c>reasonCode</c>.</summary>
    public const string CredentialSuspended = "CredentialSuspended";

    /// <summary>An issuer reinstated a suspended credential; as <see cref="CredentialSuspended"/>.</summary>
    public const string CredentialReinstated = "CredentialReinstated";

    /// <summary>An issuer revoked a credential; as <see cref="CredentialSuspended"/>.</summary>
    public const string CredentialRevoked = "CredentialRevoked";

    /// <summary>A holder's consent was recorded; carries <c>consentId</c>, <c>credentialId</c>, <c>verifier</c>, <c>purpose</c>, <c>claims</c>.</summary>
    public const string ConsentRecorded = "ConsentRecorded";

    /// <summary>A holder revoked a consent; carries <c>consentId</c>, <c>credentialId</c>, <c>verifier</c>.</summary>
    public const string ConsentRevoked = "ConsentRevoked";

    /// <summary>A verifier recorded a verification; carries <c>credentialId</c>, <c>consentId</c>, <c>verifier</c>, <c>purpose</c>, <c>claims</c>, <c>result</c>.</summary>
    public const string VerificationRecorded = "VerificationRecorded";
}
