namespace FabricEvidence.Protocol;

/// <summary>
/// A gRPC call ended with a status other than <see cref="GrpcStatusCode.OK"/>. Thrown by the client transport
/// and, on the server side, thrown by a handler to end its call with that status.
/// </summary>
public class GrpcException : Exception
{
    /// <summary>Creates an exception for the given status.</summary>
    public GrpcException(GrpcStatus status)
        : this(status, null, null)
    {
    }

    /// <summary>Creates an exception for the given status code and message.</summary>
    public GrpcException(GrpcStatusCode code, string detail)
        : this(new GrpcStatus(code, detail), null, null)
    {
    }

    /// <summary>Creates an exception for the given status, with the trailers the call ended with and a cause.</summary>
    public GrpcException(GrpcStatus status, GrpcMetadata? trailers, Exception? innerException)
        : base(FormatMessage(status), innerException)
    {
        ArgumentNullException.ThrowIfNull(status);
        Status = status;
        Trailers = trailers ?? GrpcMetadata.Empty;
    }

    /// <summary>The status the call ended with.</summary>
    public GrpcStatus Status { get; }

    /// <summary>Shortcut for <c>Status.Code</c>.</summary>
    public GrpcStatusCode StatusCode => Status.Code;

    /// <summary>The trailing metadata the call ended with (empty when none was received).</summary>
    public GrpcMetadata Trailers { get; }

    private static string FormatMessage(GrpcStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Detail.Length == 0
            ? $"gRPC call failed with status {status.Code} ({(int)status.Code})."
            : $"gRPC call failed with status {status.Code} ({(int)status.Code}): {status.Detail}";
    }
}
