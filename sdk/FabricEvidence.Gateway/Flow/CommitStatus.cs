using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Gateway;

/// <summary>The outcome of committing a transaction (named so as not to clash with <c>common.Status</c>).</summary>
public sealed class CommitStatus
{
    /// <summary>Creates a status (public so that tests of your own code can build one).</summary>
    public CommitStatus(string transactionId, TxValidationCode code, ulong blockNumber)
    {
        TransactionId = transactionId ?? throw new ArgumentNullException(nameof(transactionId));
        Code = code;
        BlockNumber = blockNumber;
    }

    /// <summary>The transaction ID.</summary>
    public string TransactionId { get; }

    /// <summary>The validation code the committing peer gave the transaction.</summary>
    public TxValidationCode Code { get; }

    /// <summary>Whether the transaction is valid (<see cref="TxValidationCode.Valid"/>), so its writes were applied.</summary>
    public bool Successful => Code == TxValidationCode.Valid;

    /// <summary>The number of the block the transaction was committed in.</summary>
    public ulong BlockNumber { get; }

    /// <inheritdoc />
    public override string ToString() => $"Transaction {TransactionId}: {Internal.ValidationCodes.Name(Code)} in block {BlockNumber}";
}
