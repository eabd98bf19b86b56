using System.Text;
using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Gateway;

/// <summary>What one endorsing peer (or orderer) reported when a Gateway call failed.</summary>
public sealed class ErrorDetail
{
    /// <summary>Creates a detail.</summary>
    public ErrorDetail(string address, string mspId, string message)
    {
        Address = address ?? string.Empty;
        MspId = mspId ?? string.Empty;
        Message = message ?? string.Empty;
    }

    /// <summary>The address of the peer or orderer, <c>host:port</c>.</summary>
    public string Address { get; }

    /// <summary>The MSP ID of its organization.</summary>
    public string MspId { get; }

    /// <summary>What it reported.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Address} ({MspId}): {Message}";
}

/// <summary>
/// A call to the Gateway (or Deliver) service failed. Carries the gRPC status code and, for endorsement failures,
/// one <see cref="ErrorDetail"/> per peer that was asked. Thrown by evaluations and by event streams; the
/// transaction steps throw the subclasses <see cref="EndorseException"/>, <see cref="SubmitException"/> and
/// <see cref="CommitStatusException"/>.
/// </summary>
public class GatewayException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    /// <param name="details">What each peer reported; may be empty.</param>
    /// <param name="innerException">The transport's <see cref="GrpcException"/>, when there is one.</param>
    public GatewayException(string message, GrpcStatusCode statusCode, IReadOnlyList<ErrorDetail>? details, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Details = details ?? Array.Empty<ErrorDetail>();
    }

    /// <summary>The gRPC status code.</summary>
    public GrpcStatusCode StatusCode { get; }

    /// <summary>What each endorsing peer (or orderer) reported, decoded from the <c>grpc-status-details-bin</c> trailer.</summary>
    public IReadOnlyList<ErrorDetail> Details { get; }

    /// <summary>The full gRPC status from the transport, or <see langword="null"/> when the failure was not a gRPC status.</summary>
    public GrpcStatus? GrpcStatus => (InnerException as GrpcException)?.Status;

    /// <summary>The message, exception type and stack, followed by each peer's detail.</summary>
    public override string ToString()
    {
        if (Details.Count == 0)
        {
            return base.ToString();
        }

        var text = new StringBuilder(base.ToString());
        text.AppendLine().Append("Details:");
        foreach (var detail in Details)
        {
            text.AppendLine().Append("  - ").Append(detail);
        }

        return text.ToString();
    }
}

/// <summary>A Gateway call about one transaction failed; the base of the endorse, submit and commit-status failures.</summary>
public abstract class TransactionException : GatewayException
{
    /// <summary>Creates an exception.</summary>
    protected TransactionException(string message, GrpcStatusCode statusCode, IReadOnlyList<ErrorDetail>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException)
    {
        TransactionId = transactionId ?? string.Empty;
    }

    /// <summary>The ID of the transaction.</summary>
    public string TransactionId { get; }
}

/// <summary>
/// Endorsement failed: the transaction was not sent for ordering and will never commit, so it is safe to build and
/// submit a new proposal. <see cref="GatewayException.Details"/> says what each endorsing peer reported.
/// </summary>
public sealed class EndorseException : TransactionException
{
    /// <summary>Creates an exception.</summary>
    public EndorseException(string message, GrpcStatusCode statusCode, IReadOnlyList<ErrorDetail>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException, transactionId)
    {
    }
}

/// <summary>
/// Submitting the endorsed transaction to the orderer failed. It may or may not have reached the orderer: check its
/// commit status, or re-submit the same signed transaction (never a new one) to avoid committing it twice.
/// </summary>
public sealed class SubmitException : TransactionException
{
    /// <summary>Creates an exception.</summary>
    public SubmitException(string message, GrpcStatusCode statusCode, IReadOnlyList<ErrorDetail>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException, transactionId)
    {
    }
}

/// <summary>
/// Getting the commit status failed (for example it timed out). The transaction may still commit: ask for its status
/// again.
/// </summary>
public sealed class CommitStatusException : TransactionException
{
    /// <summary>Creates an exception.</summary>
    public CommitStatusException(string message, GrpcStatusCode statusCode, IReadOnlyList<ErrorDetail>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException, transactionId)
    {
    }
}

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
