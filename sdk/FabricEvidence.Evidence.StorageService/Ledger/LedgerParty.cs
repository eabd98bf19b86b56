namespace FabricEvidence.Evidence.StorageService;

/// <summary>A party as the ledger records it: organisation and certificate fingerprint (no name).</summary>
/// <param name="MspId">The organisation's MSP id.</param>
/// <param name="CertificateFingerprint">Lowercase hex SHA-256 of the party's DER certificate.</param>
public sealed record LedgerParty(string MspId, string CertificateFingerprint);
