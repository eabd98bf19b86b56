using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>
/// Submitting the endorsed transaction to the orderer failed. It may or may not have reached the orderer: check its
/// commit status, or re-submit the same signed transaction (never a new one) to avoid committing it twice.
/// </summary>
public sealed class SubmitException : TransactionException
{
    /// <summary>Creates an exception.</summary>
    public SubmitException(string message, StatusCode statusCode, IReadOnlyList<EndpointError>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException, transactionId)
    {
    }
}
