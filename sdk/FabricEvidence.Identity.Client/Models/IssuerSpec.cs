namespace FabricEvidence.Identity.Client;

/// <summary>An issuer as the registry holds it.</summary>
/// <param name="IssuerId">The issuer's URI, the <c>iss</c> of its credentials.</param>
/// <param name="MspId">The organisation the issuer belongs to.</param>
/// <param name="CertificateFingerprint">Lowercase hex SHA-256 of the issuer's enrollment certificate.</param>
/// <param name="CredentialTypes">The <c>vct</c>s it may issue.</param>
/// <param name="ValidFrom">Start of the period in which it may issue.</param>
/// <param name="ValidUntil">End of that period (exclusive).</param>
/// <param name="StatusListBaseUri">Where its status list tokens are published.</param>
public sealed record IssuerSpec(string IssuerId, string MspId, string CertificateFingerprint, IReadOnlyList<string> CredentialTypes, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, string StatusListBaseUri);
