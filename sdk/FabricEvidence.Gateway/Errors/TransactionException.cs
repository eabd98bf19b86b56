using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>A Gateway call about one transaction failed; the base of the endorse, submit and commit-status failures.</summary>
public abstract class TransactionException : GatewayException
{
    /// <summary>Creates an exception.</summary>
    protected TransactionException(string message, StatusCode statusCode, IReadOnlyList<EndpointError>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException)
    {
        TransactionId = transactionId ?? string.Empty;
    }

    /// <summary>The ID of the transaction.</summary>
    public string TransactionId { get; }
}
