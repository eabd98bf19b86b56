namespace FabricEvidence.Verification;

/// <summary>One item to put in a bundle.</summary>
public sealed record BundleItemRequest
{
    /// <summary>The item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>
    /// The state key of the item's record. Defaults to <see langword="null"/>: the evidence contract's key,
    /// <see cref="RecordKeys.EvidenceRecord"/>.
    /// </summary>
    public string? RecordKey { get; init; }

    /// <summary>
    /// The ids of the item's transactions (for the evidence contract: those of its history, access records and
    /// integrity checks), in any order; at least one must write the record.
    /// </summary>
    public required IReadOnlyList<string> TransactionIds { get; init; }
}
