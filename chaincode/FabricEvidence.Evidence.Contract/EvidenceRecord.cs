using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// The public record of one evidence item: its digest, its parties and its custody, never the evidence itself (which
/// stays in storage) and never personal data (which stays in the private data collection, hashed here).
/// </summary>
/// <param name="Id">The evidence id, unique on the channel.</param>
/// <param name="CaseReference">The pseudonymous case reference shared across agencies.</param>
/// <param name="Description">A short public description (no personal data).</param>
/// <param name="DigestAlgorithm"><see cref="DigestAlgorithms.Sha256"/> or <see cref="DigestAlgorithms.Sm3"/>.</param>
/// <param name="Digest">The submitted digest, 64 lowercase hex digits.</param>
/// <param name="Size">The submitted size in bytes.</param>
/// <param name="MediaType">The media type, <c>type/subtype</c>.</param>
/// <param name="RetainUntil">The retention date: disposal can be requested from then on.</param>
/// <param name="State">The life-cycle state.</param>
/// <param name="Holder">The MSP id of the organisation holding custody.</param>
/// <param name="Submitted">The investigator who submitted it, and the transaction: the first party.</param>
/// <param name="OriginHash">Lowercase hex SHA-256 of the private <see cref="EvidenceOrigin"/> bytes (the channel's private data hash).</param>
/// <param name="LastChange">The change that produced this version.</param>
/// <param name="Holds">The legal holds in force, oldest first; empty when none.</param>
[DataType(Description = "The public record of an evidence item")]
public sealed record EvidenceRecord(
    string Id,
    string CaseReference,
    string Description,
    string DigestAlgorithm,
    string Digest,
    long Size,
    string MediaType,
    FabricTimestamp RetainUntil,
    EvidenceState State,
    string Holder,
    PartyAction Submitted,
    string OriginHash,
    LastChange LastChange,
    IReadOnlyList<LegalHold> Holds)
{
    /// <summary>Lowercase hex SHA-256 of the private <see cref="CaseDetails"/> bytes; <see langword="null"/> when none were given.</summary>
    public string? CaseDetailsHash { get; init; }

    /// <summary>For a derivative: its parent and the tool that produced it; <see langword="null"/> for an original.</summary>
    public Derivation? Derivation { get; init; }

    /// <summary>The storage receiver's confirmation: the second party; <see langword="null"/> while <see cref="EvidenceState.Submitted"/>.</summary>
    public StorageReceipt? Storage { get; init; }

    /// <summary>The open custody transfer offer; <see langword="null"/> when none.</summary>
    public TransferOffer? Transfer { get; init; }

    /// <summary>The disposal request and, once <see cref="EvidenceState.Disposed"/>, its approval; <see langword="null"/> when none is open or done.</summary>
    public DisposalRecord? Disposal { get; init; }

    /// <summary>The invalidation; <see langword="null"/> when the item is valid.</summary>
    public Invalidation? Invalidation { get; init; }

    /// <summary>The latest integrity attestation and the integrity flag; <see langword="null"/> before the first attestation.</summary>
    public IntegrityStatus? Integrity { get; init; }
}
