namespace FabricEvidence.Evidence;

/// <summary>A presented digest compared with the recorded one, with what a verifier must also know about the item.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="DigestAlgorithm">The algorithm.</param>
/// <param name="PresentedDigest">The digest presented.</param>
/// <param name="RecordedDigest">The digest on the ledger.</param>
/// <param name="Matches">Whether they are equal.</param>
/// <param name="State">The item's state.</param>
/// <param name="StorageConfirmed">Whether the storage receiver confirmed the item.</param>
/// <param name="Invalidated">Whether the item was invalidated.</param>
/// <param name="IntegrityFlagged">Whether an integrity check found the stored object altered.</param>
public sealed record DigestVerification(
    string EvidenceId,
    string DigestAlgorithm,
    string PresentedDigest,
    string RecordedDigest,
    bool Matches,
    EvidenceState State,
    bool StorageConfirmed,
    bool Invalidated,
    bool IntegrityFlagged);
