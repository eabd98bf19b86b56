using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>Whether a presented digest is the one recorded for an item, with what a court needs to weigh the answer.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="DigestAlgorithm">The item's algorithm.</param>
/// <param name="PresentedDigest">The digest presented.</param>
/// <param name="RecordedDigest">The digest submitted and recorded.</param>
/// <param name="Matches">Whether they are equal.</param>
/// <param name="State">The item's state.</param>
/// <param name="StorageConfirmed">Whether the storage receiver confirmed the same digest (state <see cref="EvidenceState.Stored"/>, or disposed after it).</param>
/// <param name="Invalidated">Whether the item was invalidated.</param>
/// <param name="IntegrityFlagged">Whether an integrity attestation ever found another digest.</param>
[DataType(Description = "The result of comparing a digest with the recorded one")]
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
