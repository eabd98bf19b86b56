using FabricEvidence.Chaincode;

namespace FabricEvidence.Identity.Contract;

/// <summary>What the ledger keeps of an issued SD-JWT VC: hashes and salted digests, the holder key's thumbprint, validity. No claim value, salt or name of a person.</summary>
/// <param name="IssuerSignedJwtHash">base64url SHA-256 of the issuer-signed JWT (every presentation carries that JWT unchanged).</param>
/// <param name="DisclosureDigests">The digests of all its disclosures, sorted.</param>
/// <param name="HolderKeyThumbprint">RFC 7638 thumbprint of the holder key in <c>cnf.jwk</c>.</param>
/// <param name="ValidFrom">Start of validity (<c>nbf</c>, else <c>iat</c>).</param>
/// <param name="ValidUntil">End of validity (<c>exp</c>).</param>
/// <param name="Issued">The issuer's recording transaction.</param>
[DataType(Description = "Hashes, digests, holder key thumbprint and validity of an issued credential")]
public sealed record IssuanceDetails(string IssuerSignedJwtHash, IReadOnlyList<string> DisclosureDigests, string HolderKeyThumbprint, FabricTimestamp ValidFrom, FabricTimestamp ValidUntil, PartyAction Issued);
