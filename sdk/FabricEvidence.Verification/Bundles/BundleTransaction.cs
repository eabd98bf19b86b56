namespace FabricEvidence.Verification;

/// <summary>One transaction of an item's custody story, as the manifest names it.</summary>
public sealed record BundleTransaction
{
    /// <summary>The transaction id (lowercase hexadecimal SHA-256 of nonce and creator).</summary>
    public required string TransactionId { get; init; }

    /// <summary>The number of the block that holds the transaction.</summary>
    public required ulong BlockNumber { get; init; }

    /// <summary>
    /// The transaction's role in the custody story: the name of the chaincode event it set (for the evidence contract
    /// the event type, e.g. <c>EvidenceSubmitted</c>, <c>StorageConfirmed</c>, <c>TransferAccepted</c>), or, for a
    /// transaction without an event, the invoked function (e.g. <c>evidence:Submit</c>).
    /// </summary>
    public required string Role { get; init; }
}
