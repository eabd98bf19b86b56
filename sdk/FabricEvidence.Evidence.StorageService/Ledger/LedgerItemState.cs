namespace FabricEvidence.Evidence.StorageService;

/// <summary>An item's state on the ledger, as the evidence contract names them.</summary>
public enum LedgerItemState
{
    /// <summary>Submitted by an investigator, waiting for the storage confirmation: the only state that takes an upload.</summary>
    Submitted,

    /// <summary>Confirmed by both parties: downloads and integrity checks apply.</summary>
    Stored,

    /// <summary>The storage receiver found another digest or size.</summary>
    Rejected,

    /// <summary>Disposed of: a tombstone.</summary>
    Disposed,
}
