namespace FabricEvidence.Identity.Client;

/// <summary>What the ledger keeps of an issued credential: hashes, salted digests, the holder key's thumbprint, validity.</summary>
/// <param name="IssuerSignedJwtHash">base64url SHA-256 of the issuer-signed JWT.</param>
/// <param name="DisclosureDigests">The digests of all its disclosures, sorted.</param>
/// <param name="HolderKeyThumbprint">RFC 7638 thumbprint of the holder key.</param>
/// <param name="ValidFrom">Start of validity.</param>
/// <param name="ValidUntil">End of validity.</param>
/// <param name="Issued">The issuer's recording transaction.</param>
public sealed record IssuanceDetails(string IssuerSignedJwtHash, IReadOnlyList<string> DisclosureDigests, string HolderKeyThumbprint, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, PartyAction Issued);
