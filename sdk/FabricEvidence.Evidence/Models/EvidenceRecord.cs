using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Evidence;

/// <summary>
/// The public record of one evidence item on the ledger: its digest and metadata, both parties of its submission, and
/// everything that happened to it since. It holds no personal data: origin and case details are private, only their
/// hashes are public.
/// </summary>
/// <param name="Id">The evidence id.</param>
/// <param name="CaseReference">The (pseudonymous) case reference.</param>
/// <param name="Description">A short public description.</param>
/// <param name="DigestAlgorithm"><c>SHA-256</c> or <c>SM3</c>.</param>
/// <param name="Digest">The submitted digest, 64 lowercase hex digits.</param>
/// <param name="Size">The submitted size in bytes.</param>
/// <param name="MediaType">The media type.</param>
/// <param name="RetainUntil">The retention date.</param>
/// <param name="State">The state.</param>
/// <param name="Holder">The organisation holding custody.</param>
/// <param name="Submitted">The investigator's submission.</param>
/// <param name="OriginHash">SHA-256 of the private origin.</param>
/// <param name="LastChange">What produced this version.</param>
/// <param name="Holds">The legal holds in force.</param>
public sealed record EvidenceRecord(
    string Id,
    string CaseReference,
    string Description,
    string DigestAlgorithm,
    string Digest,
    long Size,
    string MediaType,
    Timestamp RetainUntil,
    EvidenceState State,
    string Holder,
    PartyAction Submitted,
    string OriginHash,
    LastChange LastChange,
    IReadOnlyList<LegalHold> Holds)
{
    /// <summary>SHA-256 of the private case details, when some were given.</summary>
    public string? CaseDetailsHash { get; init; }

    /// <summary>How the item was derived, for derivatives.</summary>
    public Derivation? Derivation { get; init; }

    /// <summary>The storage receiver's confirmation, once given.</summary>
    public StorageReceipt? Storage { get; init; }

    /// <summary>The open transfer offer, if any.</summary>
    public TransferOffer? Transfer { get; init; }

    /// <summary>The disposal request (and approval), if any.</summary>
    public DisposalRecord? Disposal { get; init; }

    /// <summary>The invalidation, if any.</summary>
    public Invalidation? Invalidation { get; init; }

    /// <summary>The integrity status, after the first check.</summary>
    public IntegrityStatus? Integrity { get; init; }

    /// <summary>Whether a legal hold is in force.</summary>
    public bool IsHeld => Holds.Count > 0;

    /// <summary>Whether an integrity check found the object altered.</summary>
    public bool IsIntegrityFlagged => Integrity?.FirstMismatch is not null;
}
