namespace FabricEvidence.Identity.Client;

/// <summary>Who did something and in which transaction: organisation, role and certificate fingerprint, never a name.</summary>
/// <param name="MspId">The caller's organisation.</param>
/// <param name="Role">The caller's <c>role</c> attribute, or <c>admin</c> for an administrator.</param>
/// <param name="CertificateFingerprint">Lowercase hex SHA-256 of the caller's DER certificate.</param>
/// <param name="TxId">The transaction.</param>
/// <param name="Timestamp">The transaction's timestamp.</param>
public sealed record PartyAction(string MspId, string Role, string CertificateFingerprint, string TxId, DateTimeOffset Timestamp);
