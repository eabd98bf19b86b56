using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// Who did something and in which transaction: the caller's organisation, role and certificate, never a name. The
/// transaction id points at the block where the caller's signature can be verified.
/// </summary>
/// <param name="MspId">The MSP id of the caller's organisation, from the certificate.</param>
/// <param name="Role">The caller's <c>role</c> attribute, from the certificate.</param>
/// <param name="CertificateFingerprint">Lowercase hex SHA-256 of the caller's DER certificate: a pseudonymous identifier of the person.</param>
/// <param name="TxId">The transaction.</param>
/// <param name="Timestamp">The transaction's timestamp (chosen by the client, the same on every endorsing peer).</param>
[DataType(Description = "Who did something (organisation, role, certificate fingerprint) and in which transaction")]
public sealed record PartyAction(string MspId, string Role, string CertificateFingerprint, string TxId, FabricTimestamp Timestamp);
