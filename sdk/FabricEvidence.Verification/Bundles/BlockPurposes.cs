namespace FabricEvidence.Verification;

/// <summary>Why a block is included in full in a bundle. A block can serve several purposes.</summary>
[Flags]
public enum BlockPurposes
{
    /// <summary>No purpose (not a block entry).</summary>
    None = 0,

    /// <summary>A configuration block: the organisations' MSPs (CAs) and the channel's policies in force (<c>"configuration"</c>).</summary>
    Configuration = 1,

    /// <summary>A block with the <c>_lifecycle</c> transaction that committed the chaincode definition in force (<c>"chaincode-definition"</c>).</summary>
    ChaincodeDefinition = 2,

    /// <summary>A block with transactions of an item (<c>"transactions"</c>).</summary>
    Transactions = 4,
}
