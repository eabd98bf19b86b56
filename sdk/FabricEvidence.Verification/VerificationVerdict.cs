namespace FabricEvidence.Verification;

/// <summary>The overall verdict of a bundle verification.</summary>
public enum VerificationVerdict
{
    /// <summary>Every check passed, and every item's file was checked against the recorded digest.</summary>
    Verified,

    /// <summary>At least one check failed: the bundle, a block, a signature, the record or a file is not what it must be.</summary>
    NotVerified,

    /// <summary>No check failed, but not everything was checked: an item's file was not given.</summary>
    Incomplete,
}
