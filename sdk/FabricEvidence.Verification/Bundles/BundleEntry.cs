namespace FabricEvidence.Verification;

/// <summary>An entry of the bundle (a file in the zip) other than the manifest.</summary>
public sealed record BundleEntry
{
    /// <summary>The path of the entry in the zip, e.g. <c>blocks/5.block</c> or <c>headers.bin</c>.</summary>
    public required string Path { get; init; }

    /// <summary>What the entry holds.</summary>
    public required BundleEntryKind Kind { get; init; }

    /// <summary>For a <see cref="BundleEntryKind.Block"/>: the block's number. Otherwise <see langword="null"/>.</summary>
    public ulong? BlockNumber { get; init; }

    /// <summary>For a <see cref="BundleEntryKind.Block"/>: why the block is included. Otherwise <see cref="BlockPurposes.None"/>.</summary>
    public BlockPurposes IncludedFor { get; init; }

    /// <summary>For <see cref="BundleEntryKind.Headers"/>: how many headers the entry holds. Otherwise <see langword="null"/>.</summary>
    public int? HeaderCount { get; init; }

    /// <summary>
    /// SHA-256 of the entry's bytes, lowercase hexadecimal. It detects accidental damage to any byte, including bytes
    /// Fabric does not sign (a block's validation flags); it is no defence against a forger, who can recompute it.
    /// </summary>
    public required string Sha256 { get; init; }
}
