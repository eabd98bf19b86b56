namespace FabricEvidence.Identity.Client;

/// <summary>Builds the clients' result types for tests of your own code, with sensible values for what you leave out.</summary>
public static class IdentityModelFactory
{
    private static readonly DateTimeOffset DefaultTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A party action.</summary>
    /// <param name="mspId">The organisation.</param>
    /// <param name="role">The role.</param>
    /// <param name="txId">The transaction; a fixed id by default.</param>
    /// <param name="timestamp">The time; 2026-01-01T00:00:00Z by default.</param>
    /// <returns>The action.</returns>
    public static PartyAction PartyAction(string mspId = "Org1MSP", string role = "issuer", string? txId = null, DateTimeOffset? timestamp = null) =>
        new(mspId, role, new string('a', 64), txId ?? new string('1', 64), timestamp ?? DefaultTime);

    /// <summary>A credential record.</summary>
    /// <param name="id">The id.</param>
    /// <param name="status">The status; issued credentials get issuance details.</param>
    /// <param name="vct">The type.</param>
    /// <param name="issuerId">The issuer.</param>
    /// <param name="statusIndex">The status entry.</param>
    /// <returns>The record.</returns>
    public static CredentialRecord CredentialRecord(string id = "cred-1", CredentialStatus status = CredentialStatus.Valid, string vct = "urn:example:residence", string issuerId = "https://registry.org1.example", int statusIndex = 4711) =>
        new(id, vct, 1, issuerId, "https://status.org1.example/lists/1", statusIndex, status, PartyAction())
        {
            Issuance = status == CredentialStatus.Reserved ? null : new IssuanceDetails(new string('h', 43), [new string('d', 43)], new string('t', 43), DefaultTime, DefaultTime.AddYears(1), PartyAction()),
            LastStatusChange = status is CredentialStatus.Suspended or CredentialStatus.Revoked
                ? new StatusChange(status, status == CredentialStatus.Suspended ? StatusReasons.UnderInvestigation : StatusReasons.IssuedInError, PartyAction())
                : null,
        };

    /// <summary>A consent.</summary>
    /// <param name="id">The consent id.</param>
    /// <param name="credentialId">The credential.</param>
    /// <param name="verifier">The verifying organisation.</param>
    /// <param name="claims">The claim paths; <c>age_over_18</c> by default.</param>
    /// <param name="revoked">Whether the holder withdrew it.</param>
    /// <returns>The consent.</returns>
    public static ConsentRecord ConsentRecord(string id = "consent-1", string credentialId = "cred-1", string verifier = "Org2MSP", IReadOnlyList<string>? claims = null, bool revoked = false) =>
        new(id, credentialId, verifier, "age-check", claims ?? ["age_over_18"], DefaultTime, DefaultTime.AddDays(30), new string('c', 43), PartyAction(role: "holder"))
        {
            Revoked = revoked ? PartyAction(role: "holder") : null,
        };

    /// <summary>A verification record.</summary>
    /// <param name="result">The result; <see cref="VerificationResults.Passed"/> by default.</param>
    /// <param name="credentialId">The credential.</param>
    /// <param name="claims">The disclosed claim paths; <c>age_over_18</c> by default.</param>
    /// <param name="verifier">The verifying organisation.</param>
    /// <returns>The record.</returns>
    public static VerificationRecord VerificationRecord(string result = VerificationResults.Passed, string credentialId = "cred-1", IReadOnlyList<string>? claims = null, string verifier = "Org2MSP") =>
        new(new string('2', 64), credentialId, claims ?? ["age_over_18"], "age-check", "consent-1", result, new string('p', 43), PartyAction(verifier, "verifier"));
}
