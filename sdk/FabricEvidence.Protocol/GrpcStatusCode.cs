namespace FabricEvidence.Protocol;

/// <summary>The status codes of the gRPC protocol. The numeric values are on the wire in <c>grpc-status</c>.</summary>
public enum GrpcStatusCode
{
    /// <summary>The call succeeded.</summary>
    OK = 0,
    /// <summary>The call was cancelled, usually by the caller.</summary>
    Cancelled = 1,
    /// <summary>An error with no better code; also what servers report for unhandled exceptions.</summary>
    Unknown = 2,
    /// <summary>The client sent an argument the server rejects regardless of system state.</summary>
    InvalidArgument = 3,
    /// <summary>The deadline expired before the call completed.</summary>
    DeadlineExceeded = 4,
    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,
    /// <summary>The entity the client tried to create already exists.</summary>
    AlreadyExists = 6,
    /// <summary>The caller may not perform the operation.</summary>
    PermissionDenied = 7,
    /// <summary>A resource, such as a message size limit or a quota, is exhausted.</summary>
    ResourceExhausted = 8,
    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,
    /// <summary>The operation was aborted, for example by a concurrency conflict or a failed endorsement.</summary>
    Aborted = 10,
    /// <summary>The operation was attempted past the valid range.</summary>
    OutOfRange = 11,
    /// <summary>The method is not implemented or not supported by the server.</summary>
    Unimplemented = 12,
    /// <summary>An invariant of the protocol or the server was broken.</summary>
    Internal = 13,
    /// <summary>The service is currently unavailable; the call may be retried.</summary>
    Unavailable = 14,
    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,
    /// <summary>The request has no valid authentication credentials.</summary>
    Unauthenticated = 16,
}
