namespace FabricEvidence.Verification;

/// <summary>
/// One transaction as read from its block, with what a report shows: id, block, time, creator, endorsers and the
/// validation code. Whether it passed is in the checks whose <see cref="VerificationCheck.TransactionId"/> is its id
/// (<see cref="IsVerified"/> sums them up).
/// </summary>
public sealed class VerifiedTransaction
{
    internal VerifiedTransaction()
    {
    }

    /// <summary>The transaction id.</summary>
    public string TransactionId { get; internal init; } = string.Empty;

    /// <summary>The number of the block that holds it.</summary>
    public ulong BlockNumber { get; internal init; }

    /// <summary>Its position in the block, from 0.</summary>
    public int TransactionIndex { get; internal init; }

    /// <summary>The timestamp of its channel header (the client's time when it made the proposal), exact to the nanosecond.</summary>
    public FabricTimestamp Timestamp { get; internal init; }

    /// <summary>The channel.</summary>
    public string Channel { get; internal init; } = string.Empty;

    /// <summary>The chaincode it invoked.</summary>
    public string Chaincode { get; internal init; } = string.Empty;

    /// <summary>The invoked function (the first argument, e.g. <c>evidence:Submit</c>); other arguments are not reported.</summary>
    public string Function { get; internal init; } = string.Empty;

    /// <summary>The name of the chaincode event it set (e.g. <c>StorageConfirmed</c>), or empty.</summary>
    public string EventName { get; internal init; } = string.Empty;

    /// <summary>Its role in the custody story as the manifest states it.</summary>
    public string Role { get; internal init; } = string.Empty;

    /// <summary>The identity that created and signed it.</summary>
    public VerifiedIdentity? Creator { get; internal init; }

    /// <summary>The identities that endorsed it, in the order of the transaction's endorsements.</summary>
    public IReadOnlyList<VerifiedIdentity> Endorsers { get; internal init; } = [];

    /// <summary>The distinct MSP ids of the endorsers, in ordinal order.</summary>
    public IReadOnlyList<string> EndorsingOrganizations { get; internal init; } = [];

    /// <summary>The validation code the committing peer recorded (<c>peer.TxValidationCode</c>; 0 is VALID), or null when unreadable.</summary>
    public int? ValidationCode { get; internal init; }

    /// <summary>The validation code's name (e.g. <c>VALID</c>, <c>MVCC_READ_CONFLICT</c>), or empty.</summary>
    public string ValidationCodeName { get; internal init; } = string.Empty;

    /// <summary>The record's <c>state</c> after the transaction, when it wrote the record (evidence contract), or null.</summary>
    public string? RecordState { get; internal set; }

    /// <summary>The record's <c>holder</c> after the transaction, when it wrote the record (evidence contract), or null.</summary>
    public string? RecordHolder { get; internal set; }

    /// <summary>Whether every check about this transaction passed.</summary>
    public bool IsVerified { get; internal set; }
}
