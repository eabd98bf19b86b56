namespace FabricEvidence.Evidence;

/// <summary>Private data on a peer compared with the hash in the public record.</summary>
public enum PrivateDataStatus
{
    /// <summary>The private value's hash equals the recorded one.</summary>
    Match,

    /// <summary>It differs.</summary>
    Mismatch,

    /// <summary>The value is gone (purged by disposal).</summary>
    Absent,

    /// <summary>None was recorded.</summary>
    NotRecorded,
}
