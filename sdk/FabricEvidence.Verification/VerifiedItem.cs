namespace FabricEvidence.Verification;

/// <summary>An evidence item of the bundle: the recorded digest, the digest recomputed from the file, and its transactions.</summary>
public sealed class VerifiedItem
{
    internal VerifiedItem()
    {
    }

    /// <summary>The item's id.</summary>
    public string ItemId { get; internal init; } = string.Empty;

    /// <summary>The digest algorithm (<see cref="DigestAlgorithms"/>).</summary>
    public string DigestAlgorithm { get; internal init; } = string.Empty;

    /// <summary>The digest the ledger records for the file (as the manifest states it, checked against every record write).</summary>
    public string RecordedDigest { get; internal init; } = string.Empty;

    /// <summary>The digest recomputed from the file given, or null when no file was given.</summary>
    public string? ComputedDigest { get; internal init; }

    /// <summary>Whether a file was given and its digest equals the recorded one.</summary>
    public bool FileMatches => ComputedDigest is not null && string.Equals(ComputedDigest, RecordedDigest, StringComparison.Ordinal);

    /// <summary>The item's transactions in ledger order (the custody timeline).</summary>
    public IReadOnlyList<VerifiedTransaction> Transactions { get; internal init; } = [];
}
