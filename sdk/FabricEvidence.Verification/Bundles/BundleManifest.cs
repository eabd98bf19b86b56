namespace FabricEvidence.Verification;

/// <summary>
/// The manifest of an evidence bundle (<c>manifest.json</c>): which channel and chaincode, which items and the
/// transactions of their custody story, the digest the ledger recorded for each item's file, the range of blocks the
/// header hash chain covers, and every other entry of the bundle with its SHA-256. Field by field in
/// <c>docs/bundle-format.md</c>.
/// </summary>
/// <remarks>
/// Nothing in the manifest is trusted: the verifier checks each statement against the blocks, which Fabric signed. A
/// manifest that claims something the blocks do not show fails verification.
/// </remarks>
public sealed record BundleManifest
{
    /// <summary>The value of the manifest's <c>format</c> member: <c>"fabric-evidence-bundle"</c>.</summary>
    public const string FormatName = "fabric-evidence-bundle";

    /// <summary>The format version this library writes and reads: 1.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The format version. Defaults to <see cref="CurrentFormatVersion"/>.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The channel the blocks belong to.</summary>
    public required string Channel { get; init; }

    /// <summary>The chaincode (contract namespace) that wrote the items' records.</summary>
    public required string Chaincode { get; init; }

    /// <summary>The first block of the header hash chain: the lowest-numbered block included in full.</summary>
    public required ulong FirstBlock { get; init; }

    /// <summary>The last block of the header hash chain: the highest-numbered block included in full.</summary>
    public required ulong LastBlock { get; init; }

    /// <summary>The evidence items and their transactions.</summary>
    public required IReadOnlyList<BundleItem> Items { get; init; }

    /// <summary>Every entry of the bundle other than the manifest itself.</summary>
    public required IReadOnlyList<BundleEntry> Entries { get; init; }
}
