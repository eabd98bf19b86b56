using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Gateway;

/// <summary>
/// The transaction was committed to the ledger but marked invalid (for example <c>MVCC_READ_CONFLICT</c>), so its
/// writes were not applied. Not a gRPC failure.
/// </summary>
public sealed class CommitException : Exception
{
    /// <summary>Creates an exception for a transaction committed with <paramref name="code"/>.</summary>
    public CommitException(string transactionId, TxValidationCode code)
        : base($"Transaction {transactionId} failed to commit with status code {(int)code} ({Internal.ValidationCodes.Name(code)})")
    {
        TransactionId = transactionId ?? string.Empty;
        Code = code;
    }

    /// <summary>The ID of the transaction.</summary>
    public string TransactionId { get; }

    /// <summary>The validation code the committing peer gave the transaction.</summary>
    public TxValidationCode Code { get; }
}
