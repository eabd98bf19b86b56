namespace FabricEvidence.Verification.Portal;

/// <summary>Where the portal reads the ledger.</summary>
public enum LedgerKind
{
    /// <summary>A Fabric peer, through the Gateway SDK (<c>qscc</c> for blocks, the evidence contract for an item's transactions).</summary>
    Fabric,

    /// <summary>Captured blocks in a folder, in process: for demonstrations and tests, with no network.</summary>
    Fixtures,
}
