namespace FabricEvidence.Verification;

/// <summary>The names of the checks the verifier makes (<see cref="VerificationCheck.Name"/>), in the order it makes them.</summary>
public static class VerificationCheckNames
{
    /// <summary>The bundle is a zip file with a manifest of a supported format version.</summary>
    public const string BundleFormat = "bundle-format";

    /// <summary>Every entry the manifest lists is present with the SHA-256 it states, and the zip holds no other entry.</summary>
    public const string BundleEntries = "bundle-entries";

    /// <summary>What the manifest claims about the blocks holds: the hash chain's first and last block, why each block is included.</summary>
    public const string Manifest = "manifest";

    /// <summary>A block entry decodes as a <c>common.Block</c> with the number the manifest gives; the headers entry decodes.</summary>
    public const string BlockStructure = "block-structure";

    /// <summary>A block's data hash equals SHA-256 of its data entries.</summary>
    public const string BlockDataHash = "block-data-hash";

    /// <summary>Every block from the first to the last is present (in full or as a header) and each header names its predecessor's hash.</summary>
    public const string BlockHashChain = "block-hash-chain";

    /// <summary>A configuration block holds a channel configuration for the manifest's channel, with readable MSPs.</summary>
    public const string ChannelConfiguration = "channel-configuration";

    /// <summary>The configuration block a block was made under (its signed last-configuration index) is in the bundle.</summary>
    public const string ConfigurationInForce = "configuration-in-force";

    /// <summary>A block's ordering-service signatures satisfy the channel's <c>/Channel/Orderer/BlockValidation</c> policy.</summary>
    public const string OrdererSignatures = "orderer-signatures";

    /// <summary>The chaincode definition a transaction ran under (its <c>_lifecycle</c> read) is committed in the bundle, and what it says.</summary>
    public const string ChaincodeDefinition = "chaincode-definition";

    /// <summary>A transaction is in the block the manifest names and is a well-formed endorser transaction on the channel and chaincode (transaction id, proposal hash).</summary>
    public const string TransactionStructure = "transaction-structure";

    /// <summary>The role the manifest gives a transaction is the chaincode event (or function) the transaction recorded.</summary>
    public const string TransactionRole = "transaction-role";

    /// <summary>The creator's certificate is valid in its organisation's MSP at the transaction's time.</summary>
    public const string CreatorIdentity = "creator-identity";

    /// <summary>The creator's signature over the transaction payload verifies.</summary>
    public const string CreatorSignature = "creator-signature";

    /// <summary>Each endorsement's certificate is valid in its MSP and its signature over the proposal response verifies.</summary>
    public const string EndorsementSignatures = "endorsement-signatures";

    /// <summary>The endorsements satisfy the endorsement policy in force (chaincode, collection or key-level).</summary>
    public const string EndorsementPolicy = "endorsement-policy";

    /// <summary>The committing peer's validation code for the transaction is VALID.</summary>
    public const string ValidationCode = "validation-code";

    /// <summary>The transaction reads or writes the item's record, and a written record is well-formed JSON for the item.</summary>
    public const string RecordWrite = "record-write";

    /// <summary>A written record holds the digest and algorithm the manifest states for the item's file.</summary>
    public const string RecordDigest = "record-digest";

    /// <summary>Each transaction read the record version the previous one wrote: no change to the record is missing in between.</summary>
    public const string RecordHistory = "record-history";

    /// <summary>The digest recomputed from the file equals the recorded digest.</summary>
    public const string FileDigest = "file-digest";

    /// <summary>The root CAs of the organisations whose identities signed are among the trusted roots given.</summary>
    public const string TrustAnchors = "trust-anchors";
}
