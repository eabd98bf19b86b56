namespace FabricEvidence.Evidence.Contract;

/// <summary>The outcome of an integrity attestation. Written in JSON as the member name.</summary>
public enum IntegrityResult
{
    /// <summary>The re-computed digest equals the recorded one.</summary>
    Match,

    /// <summary>The re-computed digest differs: the item is flagged for good.</summary>
    Mismatch,
}
