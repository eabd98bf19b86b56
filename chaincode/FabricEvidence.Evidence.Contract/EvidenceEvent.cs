using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// The payload of every chaincode event of the contract: the same envelope for all types, plus the members the type
/// names in <see cref="EvidenceEventTypes"/> (absent members are omitted from the JSON). Contains no personal data.
/// </summary>
/// <param name="Type">The event type, equal to the chaincode event name.</param>
/// <param name="EvidenceId">The item.</param>
/// <param name="CaseReference">The item's case reference.</param>
/// <param name="State">The item's state after the transaction.</param>
/// <param name="Holder">The holding organisation after the transaction.</param>
/// <param name="By">Who caused the event, in which transaction and when.</param>
[DataType(Description = "The payload of every evidence custody event")]
public sealed record EvidenceEvent(string Type, string EvidenceId, string CaseReference, EvidenceState State, string Holder, PartyAction By)
{
    /// <summary>The previous holder (<see cref="EvidenceEventTypes.TransferAccepted"/>).</summary>
    public string? FromMspId { get; init; }

    /// <summary>The organisation custody is (or was) offered to (transfer events).</summary>
    public string? ToMspId { get; init; }

    /// <summary>The hold (hold events).</summary>
    public string? HoldId { get; init; }

    /// <summary>The reason given (holds, declines, withdrawals, retention, disposal, invalidation).</summary>
    public string? Reason { get; init; }

    /// <summary>The purpose given (transfer offers, access records).</summary>
    public string? Purpose { get; init; }

    /// <summary>The parent of a derivative (<see cref="EvidenceEventTypes.DerivativeRegistered"/>).</summary>
    public string? ParentId { get; init; }

    /// <summary>The item's digest algorithm (submission, storage, integrity and disposal events).</summary>
    public string? DigestAlgorithm { get; init; }

    /// <summary>The item's recorded digest (submission, storage, integrity and disposal events).</summary>
    public string? Digest { get; init; }

    /// <summary>The digest the storage receiver computed (storage and integrity events).</summary>
    public string? ComputedDigest { get; init; }

    /// <summary>The stored object's version (storage and integrity events).</summary>
    public string? ObjectVersion { get; init; }

    /// <summary>The new retention date (<see cref="EvidenceEventTypes.RetentionChanged"/>, and submissions).</summary>
    public FabricTimestamp? RetainUntil { get; init; }
}
