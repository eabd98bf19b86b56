using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract;

/// <summary>Who did something and in which transaction: organisation, role and certificate fingerprint, never a name.</summary>
/// <param name="MspId">The caller's organisation (MSP id), from the certificate.</param>
/// <param name="Role">The caller's <c>role</c> attribute, or <c>admin</c> for an administrator without one.</param>
/// <param name="CertificateFingerprint">Lowercase hex SHA-256 of the caller's DER certificate.</param>
/// <param name="TxId">The transaction.</param>
/// <param name="Timestamp">The transaction's timestamp.</param>
[DataType(Description = "Who did something (organisation, role, certificate fingerprint) and in which transaction")]
public sealed record PartyAction(string MspId, string Role, string CertificateFingerprint, string TxId, FabricTimestamp Timestamp);
