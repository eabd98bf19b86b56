namespace FabricEvidence.Verification;

/// <summary>What a bundle entry holds.</summary>
public enum BundleEntryKind
{
    /// <summary>One block, the serialized <c>common.Block</c> exactly as the peer returned it.</summary>
    Block,

    /// <summary>
    /// The headers of the blocks between the first and the last block that are not included in full: serialized
    /// <c>common.BlockHeader</c> messages, each preceded by its length as a base-128 varint, in ascending block order.
    /// </summary>
    Headers,
}
