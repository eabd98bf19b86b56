using System.Security.Cryptography.X509Certificates;

namespace FabricEvidence.Protocol.Server;

/// <summary>What a server handler knows about the call it serves.</summary>
public abstract class ServerCallContext
{
    /// <summary>The method path, <c>/package.Service/Method</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The client's address, <c>ip:port</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The request metadata.</summary>
    public abstract GrpcMetadata RequestHeaders { get; }

    /// <summary>Metadata to send in the trailers with the final status.</summary>
    public abstract GrpcMetadata ResponseTrailers { get; }

    /// <summary>The call's deadline, from the client's <c>grpc-timeout</c>; <see langword="null"/> when the client set none.</summary>
    public abstract DateTimeOffset? Deadline { get; }

    /// <summary>Cancelled when the client cancels the call, the connection drops, the deadline passes, or the server stops.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>The client's TLS certificate under mutual TLS; otherwise <see langword="null"/>.</summary>
    public abstract X509Certificate2? ClientCertificate { get; }

    /// <summary>
    /// The status to end the call with when the handler returns normally. Defaults to OK. Throwing a
    /// <see cref="GrpcException"/> is the other way to end with an error.
    /// </summary>
    public GrpcStatus Status { get; set; } = GrpcStatus.Ok;

    /// <summary>Sends response headers now, before the first message. Optional: they are sent with the first message otherwise.</summary>
    public abstract Task WriteResponseHeadersAsync(GrpcMetadata headers);
}

/// <summary>The response side of a streaming call on the server.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message. Concurrent writes are serialised, never interleaved.</summary>
    /// <exception cref="InvalidOperationException">The call has already completed.</exception>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>Handles a unary call.</summary>
public delegate Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context);

/// <summary>Handles a server-streaming call.</summary>
public delegate Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responses, ServerCallContext context);

/// <summary>Handles a bidirectional-streaming call. <paramref name="requests"/> may be enumerated once.</summary>
public delegate Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncEnumerable<TRequest> requests, IServerStreamWriter<TResponse> responses, ServerCallContext context);
