namespace FabricEvidence.Evidence;

/// <summary>
/// What an investigator submits: the item's public metadata and digest, and its private origin (and optional case
/// details), which travel as transient data into the private collection. Ids, case reference and description are
/// public: they must hold no personal data.
/// </summary>
public sealed record SubmitEvidenceRequest
{
    /// <summary>The evidence id: 1 to 64 of <c>[A-Za-z0-9._-]</c>, starting with a letter or digit; unique for ever.</summary>
    public required string EvidenceId { get; init; }

    /// <summary>The (pseudonymous) case reference: as the id, and <c>/</c> is allowed.</summary>
    public required string CaseReference { get; init; }

    /// <summary>A short public description.</summary>
    public required string Description { get; init; }

    /// <summary>The digest algorithm. Defaults to SHA-256.</summary>
    public DigestAlgorithm DigestAlgorithm { get; init; } = DigestAlgorithm.Sha256;

    /// <summary>The content's digest, 64 lowercase hex digits (<see cref="EvidenceDigest"/> computes it).</summary>
    public required string Digest { get; init; }

    /// <summary>The content's size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The media type. Defaults to <c>application/octet-stream</c>.</summary>
    public string MediaType { get; init; } = "application/octet-stream";

    /// <summary>Keep the item at least until then; disposal is possible only afterwards.</summary>
    public required DateTimeOffset RetainUntil { get; init; }

    /// <summary>The item's origin (private).</summary>
    public required EvidenceOrigin Origin { get; init; }

    /// <summary>Sensitive case details (private); optional.</summary>
    public string? CaseDetails { get; init; }
}
