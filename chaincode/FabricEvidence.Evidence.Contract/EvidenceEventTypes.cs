namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// The chaincode event names the contract sets, one per submitted transaction (Fabric keeps one event per
/// transaction). The payload is always an <see cref="EvidenceEvent"/> whose <see cref="EvidenceEvent.Type"/> equals the name.
/// </summary>
public static class EvidenceEventTypes
{
    /// <summary>An investigator submitted an item (state <see cref="EvidenceState.Submitted"/>).</summary>
    public const string EvidenceSubmitted = "EvidenceSubmitted";

    /// <summary>An investigator registered a derivative of a stored item (state <see cref="EvidenceState.Submitted"/>); carries <c>parentId</c>.</summary>
    public const string DerivativeRegistered = "DerivativeRegistered";

    /// <summary>The storage receiver confirmed digest and size (state <see cref="EvidenceState.Stored"/>).</summary>
    public const string StorageConfirmed = "StorageConfirmed";

    /// <summary>The storage receiver computed another digest or size (state <see cref="EvidenceState.Rejected"/>); carries both digests.</summary>
    public const string StorageRejected = "StorageRejected";

    /// <summary>The holder offered custody; carries <c>toMspId</c> and <c>purpose</c>.</summary>
    public const string TransferOffered = "TransferOffered";

    /// <summary>The receiving organisation accepted: it now holds the item; carries <c>fromMspId</c> and <c>toMspId</c>.</summary>
    public const string TransferAccepted = "TransferAccepted";

    /// <summary>The receiving organisation declined the offer; carries <c>toMspId</c> and <c>reason</c>.</summary>
    public const string TransferDeclined = "TransferDeclined";

    /// <summary>The holder withdrew its offer; carries <c>toMspId</c> and <c>reason</c>.</summary>
    public const string TransferWithdrawn = "TransferWithdrawn";

    /// <summary>A prosecutor or judge placed a legal hold; carries <c>holdId</c> and <c>reason</c>.</summary>
    public const string HoldPlaced = "HoldPlaced";

    /// <summary>A prosecutor or judge lifted a legal hold; carries <c>holdId</c> and <c>reason</c>.</summary>
    public const string HoldLifted = "HoldLifted";

    /// <summary>A prosecutor or judge changed the retention date; carries <c>retainUntil</c> and <c>reason</c>.</summary>
    public const string RetentionChanged = "RetentionChanged";

    /// <summary>The holder requested disposal; carries <c>reason</c>.</summary>
    public const string DisposalRequested = "DisposalRequested";

    /// <summary>The holder withdrew its disposal request; carries <c>reason</c>.</summary>
    public const string DisposalWithdrawn = "DisposalWithdrawn";

    /// <summary>A prosecutor or judge declined the disposal request; carries <c>reason</c>.</summary>
    public const string DisposalDeclined = "DisposalDeclined";

    /// <summary>A prosecutor or judge approved disposal: a tombstone remains (state <see cref="EvidenceState.Disposed"/>), private details purged; carries <c>reason</c> and <c>digest</c>.</summary>
    public const string EvidenceDisposed = "EvidenceDisposed";

    /// <summary>A prosecutor or judge invalidated the item; carries <c>reason</c>.</summary>
    public const string EvidenceInvalidated = "EvidenceInvalidated";

    /// <summary>The storage receiver re-hashed the object and found the recorded digest; carries <c>computedDigest</c> and <c>objectVersion</c>.</summary>
    public const string IntegrityVerified = "IntegrityVerified";

    /// <summary>The storage receiver re-hashed the object and found another digest: the item is flagged; carries both digests and <c>objectVersion</c>.</summary>
    public const string IntegrityMismatch = "IntegrityMismatch";

    /// <summary>Someone recorded that they read the item's content; carries <c>purpose</c>.</summary>
    public const string AccessRecorded = "AccessRecorded";
}
