using Google.Protobuf;

namespace FabricEvidence.Protocol;

/// <summary>The kinds of gRPC call.</summary>
public enum GrpcMethodType
{
    /// <summary>One request, one response.</summary>
    Unary,
    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,
    /// <summary>A stream of requests, a stream of responses, concurrently.</summary>
    DuplexStreaming,
}

/// <summary>Describes one gRPC method: its path on the wire, its kind, and how its messages are marshalled.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class GrpcMethod<TRequest, TResponse>
{
    /// <summary>Creates a method descriptor.</summary>
    /// <param name="type">The call kind.</param>
    /// <param name="path">The method path, <c>/package.Service/Method</c>.</param>
    /// <param name="requestMarshaller">Marshaller of requests.</param>
    /// <param name="responseMarshaller">Marshaller of responses.</param>
    public GrpcMethod(GrpcMethodType type, string path, GrpcMarshaller<TRequest> requestMarshaller, GrpcMarshaller<TResponse> responseMarshaller)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path[0] != '/' || path.IndexOf('/', 1) < 2 || path.EndsWith('/'))
        {
            throw new ArgumentException($"Method path '{path}' must have the form '/package.Service/Method'.", nameof(path));
        }

        Type = type;
        Path = path;
        RequestMarshaller = requestMarshaller ?? throw new ArgumentNullException(nameof(requestMarshaller));
        ResponseMarshaller = responseMarshaller ?? throw new ArgumentNullException(nameof(responseMarshaller));
    }

    /// <summary>The call kind.</summary>
    public GrpcMethodType Type { get; }

    /// <summary>The method path, <c>/package.Service/Method</c>.</summary>
    public string Path { get; }

    /// <summary>Marshaller of requests.</summary>
    public GrpcMarshaller<TRequest> RequestMarshaller { get; }

    /// <summary>Marshaller of responses.</summary>
    public GrpcMarshaller<TResponse> ResponseMarshaller { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Type} {Path}";
}

/// <summary>Factories for protobuf method descriptors.</summary>
public static class GrpcMethod
{
    /// <summary>A unary method with protobuf messages.</summary>
    public static GrpcMethod<TRequest, TResponse> Unary<TRequest, TResponse>(string path)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        new(GrpcMethodType.Unary, path, GrpcMarshallers.Protobuf<TRequest>(), GrpcMarshallers.Protobuf<TResponse>());

    /// <summary>A server-streaming method with protobuf messages.</summary>
    public static GrpcMethod<TRequest, TResponse> ServerStreaming<TRequest, TResponse>(string path)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        new(GrpcMethodType.ServerStreaming, path, GrpcMarshallers.Protobuf<TRequest>(), GrpcMarshallers.Protobuf<TResponse>());

    /// <summary>A bidirectional-streaming method with protobuf messages.</summary>
    public static GrpcMethod<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(string path)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        new(GrpcMethodType.DuplexStreaming, path, GrpcMarshallers.Protobuf<TRequest>(), GrpcMarshallers.Protobuf<TResponse>());
}
