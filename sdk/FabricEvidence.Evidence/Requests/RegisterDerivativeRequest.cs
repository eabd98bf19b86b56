namespace FabricEvidence.Evidence;

/// <summary>A working copy or extraction registered as derived from a stored parent, with the tool that produced it.</summary>
public sealed record RegisterDerivativeRequest
{
    /// <summary>The derivative's own id.</summary>
    public required string EvidenceId { get; init; }

    /// <summary>The parent item (stored, not invalidated).</summary>
    public required string ParentId { get; init; }

    /// <summary>A short public description.</summary>
    public required string Description { get; init; }

    /// <summary>The digest algorithm. Defaults to SHA-256.</summary>
    public DigestAlgorithm DigestAlgorithm { get; init; } = DigestAlgorithm.Sha256;

    /// <summary>The derivative's digest.</summary>
    public required string Digest { get; init; }

    /// <summary>Its size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>The media type. Defaults to <c>application/octet-stream</c>.</summary>
    public string MediaType { get; init; } = "application/octet-stream";

    /// <summary>The tool that produced it.</summary>
    public required string Tool { get; init; }

    /// <summary>The tool's version.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>Its origin (private).</summary>
    public required EvidenceOrigin Origin { get; init; }

    /// <summary>Sensitive case details (private); optional.</summary>
    public string? CaseDetails { get; init; }
}
