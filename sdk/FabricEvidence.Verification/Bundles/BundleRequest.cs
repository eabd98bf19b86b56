namespace FabricEvidence.Verification;

/// <summary>What <see cref="EvidenceBundleBuilder"/> is to put in a bundle: a chaincode and its items with their transactions.</summary>
public sealed record BundleRequest
{
    /// <summary>The chaincode (contract namespace) that records the items.</summary>
    public required string Chaincode { get; init; }

    /// <summary>The items, at least one.</summary>
    public required IReadOnlyList<BundleItemRequest> Items { get; init; }
}
