using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>
/// Evaluating a transaction failed (the chaincode refused it, no peer could run it, or the call failed). Nothing was
/// written to the ledger, so the evaluation can simply be repeated. <see cref="GatewayException.Details"/> holds what
/// each peer reported, including the chaincode's own error message.
/// </summary>
public sealed class EvaluateException : GatewayException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    /// <param name="details">What each peer reported; may be empty.</param>
    /// <param name="innerException">The <see cref="RpcException"/> of the call, when there is one.</param>
    /// <param name="transactionId">The ID of the evaluated proposal.</param>
    public EvaluateException(string message, StatusCode statusCode, IReadOnlyList<EndpointError>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException)
    {
        TransactionId = transactionId ?? string.Empty;
    }

    /// <summary>The ID of the evaluated proposal (never submitted).</summary>
    public string TransactionId { get; }
}
