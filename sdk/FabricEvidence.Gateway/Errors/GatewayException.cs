using System.Text;
using Grpc.Core;

namespace FabricEvidence.Gateway;

/// <summary>
/// A call to the Gateway (or Deliver) service failed. Carries the gRPC status code and, for endorsement failures,
/// one <see cref="EndpointError"/> per peer that was asked. Event streams throw it as it is; each step of a
/// transaction throws its own subclass: <see cref="EvaluateException"/>, <see cref="EndorseException"/>,
/// <see cref="SubmitException"/> and <see cref="CommitStatusException"/>. Catch the subclass when the step matters
/// (each has different retry semantics), this class when any Gateway failure will do.
/// </summary>
public class GatewayException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What failed and where.</param>
    /// <param name="statusCode">The gRPC status code.</param>
    /// <param name="details">What each peer reported; may be empty.</param>
    /// <param name="innerException">The <see cref="RpcException"/> of the call, when there is one.</param>
    public GatewayException(string message, StatusCode statusCode, IReadOnlyList<EndpointError>? details, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Details = details ?? Array.Empty<EndpointError>();
    }

    /// <summary>The gRPC status code.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>What each endorsing peer (or orderer) reported, decoded from the <c>grpc-status-details-bin</c> trailer.</summary>
    public IReadOnlyList<EndpointError> Details { get; }

    /// <summary>The gRPC status of the call, or <see langword="null"/> when the failure was not a gRPC status.</summary>
    public Status? GrpcStatus => (InnerException as RpcException)?.Status;

    /// <summary>
    /// The chaincode's own error (status, message and code) when the peers report that the chaincode refused the call,
    /// or <see langword="null"/> when the failure lies elsewhere (connection, endorsement policy, ordering, commit).
    /// Typed clients map its <see cref="ChaincodeError.Code"/> to their exceptions.
    /// </summary>
    public ChaincodeError? ChaincodeError => Internal.ChaincodeErrors.Find(this);

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
