namespace FabricEvidence.Verification;

/// <summary>One evidence item in a bundle: its record's key, the digest recorded for its file, and its transactions.</summary>
public sealed record BundleItem
{
    /// <summary>The item's id (for the evidence contract, the <c>id</c> member of its record).</summary>
    public required string Id { get; init; }

    /// <summary>
    /// The state key of the item's record in the chaincode's namespace, as Fabric stores it (for the evidence
    /// contract the composite key <c>"\u0000evidence\u0000" + id + "\u0000"</c>, see <see cref="RecordKeys"/>).
    /// </summary>
    public required string RecordKey { get; init; }

    /// <summary>The digest algorithm the record names: <see cref="DigestAlgorithms.Sha256"/> or <see cref="DigestAlgorithms.Sm3"/>.</summary>
    public required string DigestAlgorithm { get; init; }

    /// <summary>The file digest the record holds, lowercase hexadecimal.</summary>
    public required string Digest { get; init; }

    /// <summary>The item's transactions, in ledger order (block number, then position in the block).</summary>
    public required IReadOnlyList<BundleTransaction> Transactions { get; init; }
}
