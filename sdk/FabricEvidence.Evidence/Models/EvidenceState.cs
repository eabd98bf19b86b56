namespace FabricEvidence.Evidence;

/// <summary>Where an evidence item is in its life: awaiting the storage receiver, stored, rejected, or disposed of (a tombstone).</summary>
public enum EvidenceState
{
    /// <summary>Submitted by an investigator; awaiting the storage receiver's confirmation. Nothing else may happen to it.</summary>
    Submitted,

    /// <summary>Confirmed by the storage receiver with a matching digest and size.</summary>
    Stored,

    /// <summary>The storage receiver's digest or size did not match the submitted ones; both are kept.</summary>
    Rejected,

    /// <summary>Disposed of: the record remains as a tombstone with the digest and the decision; private details are purged.</summary>
    Disposed,
}
