using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract;

/// <summary>An issuer as a proposal describes it.</summary>
/// <param name="IssuerId">The issuer's URI, the <c>iss</c> of its credentials.</param>
/// <param name="MspId">The organisation the issuer belongs to.</param>
/// <param name="CertificateFingerprint">Lowercase hex SHA-256 of the issuer's enrollment certificate: the only certificate that may act as this issuer (and the <c>x5c</c> leaf of its credentials).</param>
/// <param name="CredentialTypes">The <c>vct</c>s it may issue.</param>
/// <param name="ValidFrom">Start of the period in which it may issue.</param>
/// <param name="ValidUntil">End of that period (exclusive).</param>
/// <param name="StatusListBaseUri">Where its status list tokens are published; list URIs are this plus <c>/&lt;list&gt;</c>.</param>
[DataType(Description = "An issuer's registration: organisation, certificate, types, period, status base URI")]
public sealed record IssuerSpec(string IssuerId, string MspId, string CertificateFingerprint, IReadOnlyList<string> CredentialTypes, FabricTimestamp ValidFrom, FabricTimestamp ValidUntil, string StatusListBaseUri);
