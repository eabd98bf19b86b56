using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Evidence;

/// <summary>Who took a step and in which transaction: identified by organisation, role and certificate fingerprint, never by name.</summary>
/// <param name="MspId">The organisation.</param>
/// <param name="Role">The Fabric CA <c>role</c> attribute of the certificate.</param>
/// <param name="CertificateFingerprint">Lowercase hex SHA-256 of the signer's DER certificate.</param>
/// <param name="TxId">The transaction that recorded the step.</param>
/// <param name="Timestamp">The transaction's timestamp, exact to the nanosecond.</param>
public sealed record PartyAction(string MspId, string Role, string CertificateFingerprint, string TxId, Timestamp Timestamp);
