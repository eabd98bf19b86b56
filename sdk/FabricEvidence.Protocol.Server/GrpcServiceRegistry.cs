using FabricEvidence.Protocol.Server.Internal;

namespace FabricEvidence.Protocol.Server;

/// <summary>The methods a server serves, by path. Register every method before the server starts.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly Dictionary<string, ServerMethod> _methods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);

    /// <summary>Registers a unary method.</summary>
    public GrpcServiceRegistry AddUnary<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, UnaryServerHandler<TRequest, TResponse> handler) =>
        Add(method, GrpcMethodType.Unary, new UnaryServerMethod<TRequest, TResponse>(method, handler ?? throw new ArgumentNullException(nameof(handler))));

    /// <summary>Registers a server-streaming method.</summary>
    public GrpcServiceRegistry AddServerStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, ServerStreamingServerHandler<TRequest, TResponse> handler) =>
        Add(method, GrpcMethodType.ServerStreaming, new ServerStreamingServerMethod<TRequest, TResponse>(method, handler ?? throw new ArgumentNullException(nameof(handler))));

    /// <summary>Registers a bidirectional-streaming method.</summary>
    public GrpcServiceRegistry AddDuplexStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, DuplexStreamingServerHandler<TRequest, TResponse> handler) =>
        Add(method, GrpcMethodType.DuplexStreaming, new DuplexStreamingServerMethod<TRequest, TResponse>(method, handler ?? throw new ArgumentNullException(nameof(handler))));

    /// <summary>The registered method paths.</summary>
    public IReadOnlyCollection<string> Paths => _methods.Keys;

    internal bool TryGet(string path, out ServerMethod method) => _methods.TryGetValue(path, out method!);

    internal bool HasService(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash > 0 && _services.Contains(path[..slash]);
    }

    private GrpcServiceRegistry Add<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, GrpcMethodType expected, ServerMethod serverMethod)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"Method {method.Path} is {method.Type}, not {expected}.", nameof(method));
        }

        if (!_methods.TryAdd(method.Path, serverMethod))
        {
            throw new ArgumentException($"Method {method.Path} is already registered.", nameof(method));
        }

        _services.Add(method.Path[..method.Path.LastIndexOf('/')]);
        return this;
    }
}
