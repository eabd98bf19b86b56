namespace FabricEvidence.Evidence;

/// <summary>The event types of the evidence contract: each is the chaincode event name and the <see cref="EvidenceEvent.Type"/>.</summary>
public static class EvidenceEventTypes
{
    /// <summary>An investigator submitted an item.</summary>
    public const string EvidenceSubmitted = "EvidenceSubmitted";

    /// <summary>A derivative was registered.</summary>
    public const string DerivativeRegistered = "DerivativeRegistered";

    /// <summary>The storage receiver confirmed an item with a matching digest and size.</summary>
    public const string StorageConfirmed = "StorageConfirmed";

    /// <summary>The storage receiver's digest or size did not match.</summary>
    public const string StorageRejected = "StorageRejected";

    /// <summary>The holder offered custody.</summary>
    public const string TransferOffered = "TransferOffered";

    /// <summary>The receiving organisation accepted custody.</summary>
    public const string TransferAccepted = "TransferAccepted";

    /// <summary>The receiving organisation declined.</summary>
    public const string TransferDeclined = "TransferDeclined";

    /// <summary>The holder withdrew its offer.</summary>
    public const string TransferWithdrawn = "TransferWithdrawn";

    /// <summary>A legal hold was placed.</summary>
    public const string HoldPlaced = "HoldPlaced";

    /// <summary>A legal hold was lifted.</summary>
    public const string HoldLifted = "HoldLifted";

    /// <summary>The retention date changed.</summary>
    public const string RetentionChanged = "RetentionChanged";

    /// <summary>The holder requested disposal.</summary>
    public const string DisposalRequested = "DisposalRequested";

    /// <summary>The holder withdrew its request.</summary>
    public const string DisposalWithdrawn = "DisposalWithdrawn";

    /// <summary>A judge or prosecutor declined the disposal.</summary>
    public const string DisposalDeclined = "DisposalDeclined";

    /// <summary>The item was disposed of: a tombstone remains.</summary>
    public const string EvidenceDisposed = "EvidenceDisposed";

    /// <summary>The item was invalidated.</summary>
    public const string EvidenceInvalidated = "EvidenceInvalidated";

    /// <summary>A re-hash matched.</summary>
    public const string IntegrityVerified = "IntegrityVerified";

    /// <summary>A re-hash did not match: the item is flagged.</summary>
    public const string IntegrityMismatch = "IntegrityMismatch";

    /// <summary>Someone recorded an access to the content.</summary>
    public const string AccessRecorded = "AccessRecorded";
}
