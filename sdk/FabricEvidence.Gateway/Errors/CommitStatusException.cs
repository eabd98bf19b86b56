using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>
/// Getting the commit status failed (for example it timed out). The transaction may still commit: ask for its status
/// again.
/// </summary>
public sealed class CommitStatusException : TransactionException
{
    /// <summary>Creates an exception.</summary>
    public CommitStatusException(string message, StatusCode statusCode, IReadOnlyList<EndpointError>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException, transactionId)
    {
    }
}
