using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Evidence;

/// <summary>
/// A custody event: one per submitted transaction of the evidence contract. The members beyond the first six are set
/// according to <see cref="Type"/> (see the contract's event table). No personal data.
/// </summary>
/// <param name="Type">The event type (<see cref="EvidenceEventTypes"/>).</param>
/// <param name="EvidenceId">The item.</param>
/// <param name="CaseReference">Its case.</param>
/// <param name="State">Its state after the transaction.</param>
/// <param name="Holder">Its holder after the transaction.</param>
/// <param name="By">Who, and the transaction.</param>
public sealed record EvidenceEvent(string Type, string EvidenceId, string CaseReference, EvidenceState State, string Holder, PartyAction By)
{
    /// <summary>The block that holds the transaction (set by the client from the event stream).</summary>
    public ulong BlockNumber { get; init; }

    /// <summary>The previous holder, for <see cref="EvidenceEventTypes.TransferAccepted"/>.</summary>
    public string? FromMspId { get; init; }

    /// <summary>The receiving organisation, for transfers.</summary>
    public string? ToMspId { get; init; }

    /// <summary>The hold, for holds.</summary>
    public string? HoldId { get; init; }

    /// <summary>The reason given, where one is.</summary>
    public string? Reason { get; init; }

    /// <summary>The purpose, for offers and accesses.</summary>
    public string? Purpose { get; init; }

    /// <summary>The parent, for derivatives.</summary>
    public string? ParentId { get; init; }

    /// <summary>The digest algorithm, where a digest is.</summary>
    public string? DigestAlgorithm { get; init; }

    /// <summary>The recorded digest.</summary>
    public string? Digest { get; init; }

    /// <summary>The digest the storage receiver computed (confirmation, integrity check).</summary>
    public string? ComputedDigest { get; init; }

    /// <summary>The object version.</summary>
    public string? ObjectVersion { get; init; }

    /// <summary>The retention date, for submissions and retention changes.</summary>
    public Timestamp? RetainUntil { get; init; }
}
