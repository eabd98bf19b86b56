namespace FabricEvidence.Verification.Portal;

/// <summary>The ledger the portal reads: blocks, and which transactions make up an item.</summary>
internal sealed record Ledger(IBlockSource Blocks, IEvidenceItemSource Items);
