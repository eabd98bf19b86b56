namespace FabricEvidence.Evidence;

/// <summary>The outcome of a re-hash of a stored object.</summary>
public enum IntegrityResult
{
    /// <summary>The object's digest equals the recorded one.</summary>
    Match,

    /// <summary>The object's digest differs: the item is flagged.</summary>
    Mismatch,
}
