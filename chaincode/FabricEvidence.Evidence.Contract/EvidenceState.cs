namespace FabricEvidence.Evidence.Contract;

/// <summary>Where an evidence item is in its life cycle. Written in JSON as the member name.</summary>
public enum EvidenceState
{
    /// <summary>Submitted by an investigator; waiting for the storage receiver's confirmation. Nothing else can happen to it.</summary>
    Submitted,

    /// <summary>The storage receiver computed the same digest and size: confirmed by both parties.</summary>
    Stored,

    /// <summary>The storage receiver computed another digest or size; both are kept. Only holds, retention and disposal apply.</summary>
    Rejected,

    /// <summary>Disposed of after its retention date with two parties' approval: a tombstone; the private details are purged.</summary>
    Disposed,
}
