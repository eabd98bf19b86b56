namespace FabricEvidence.Evidence;

/// <summary>An integrity attestation: the storage receiver re-hashed the stored object.</summary>
public sealed record RecordIntegrityCheckRequest
{
    /// <summary>The item.</summary>
    public required string EvidenceId { get; init; }

    /// <summary>The item's algorithm.</summary>
    public required DigestAlgorithm DigestAlgorithm { get; init; }

    /// <summary>The digest computed now.</summary>
    public required string ComputedDigest { get; init; }

    /// <summary>The object version hashed.</summary>
    public required string ObjectVersion { get; init; }
}
