namespace FabricEvidence.Evidence;

/// <summary>The storage receiver's confirmation: what it computed itself while storing, and where the object is.</summary>
public sealed record ConfirmStorageRequest
{
    /// <summary>The item.</summary>
    public required string EvidenceId { get; init; }

    /// <summary>The item's algorithm.</summary>
    public required DigestAlgorithm DigestAlgorithm { get; init; }

    /// <summary>The digest the receiver computed.</summary>
    public required string ComputedDigest { get; init; }

    /// <summary>The size it stored.</summary>
    public required long Size { get; init; }

    /// <summary>The object's location (for example <c>s3://bucket/key</c>).</summary>
    public required string ObjectLocation { get; init; }

    /// <summary>The object's version.</summary>
    public required string ObjectVersion { get; init; }
}
