using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>
/// Endorsement failed: the transaction was not sent for ordering and will never commit, so it is safe to build and
/// submit a new proposal. <see cref="GatewayException.Details"/> says what each endorsing peer reported.
/// </summary>
public sealed class EndorseException : TransactionException
{
    /// <summary>Creates an exception.</summary>
    public EndorseException(string message, StatusCode statusCode, IReadOnlyList<EndpointError>? details, Exception? innerException, string transactionId)
        : base(message, statusCode, details, innerException, transactionId)
    {
    }
}
