namespace FabricEvidence.Evidence.Contract;

/// <summary>How a private value's hash on the channel compares with the hash in the public record.</summary>
public enum PrivateDataStatus
{
    /// <summary>The channel's hash equals the recorded one.</summary>
    Match,

    /// <summary>The channel holds a value with another hash.</summary>
    Mismatch,

    /// <summary>The record has a hash but the channel holds no value: purged at disposal (the record's hash remains).</summary>
    Absent,

    /// <summary>No value was given at submission (optional case details).</summary>
    NotRecorded,
}
