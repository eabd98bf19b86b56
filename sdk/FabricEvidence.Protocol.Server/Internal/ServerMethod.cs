using System.Runtime.CompilerServices;

namespace FabricEvidence.Protocol.Server.Internal;

/// <summary>A registered method: reads its requests from the call, runs the handler, writes its responses.</summary>
internal abstract class ServerMethod
{
    public abstract Task InvokeAsync(ServerCall call, string? encoding);
}

internal abstract class ServerMethod<TRequest, TResponse> : ServerMethod
{
    protected ServerMethod(GrpcMethod<TRequest, TResponse> method) => Method = method;

    protected GrpcMethod<TRequest, TResponse> Method { get; }

    protected PipeMessageReader<TRequest> Reader(ServerCall call, string? encoding) =>
        new(call.Http.Request.BodyReader, Method.RequestMarshaller, call.Options.MaxReceiveMessageSize, encoding);

    /// <summary>Reads the single request of a unary or server-streaming call, insisting that there is exactly one.</summary>
    protected async Task<TRequest> ReadSingleAsync(ServerCall call, string? encoding)
    {
        var reader = Reader(call, encoding);
        var (found, request) = await reader.ReadAsync(call.CancellationToken).ConfigureAwait(false);
        if (!found)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"The request stream of {Method.Path} ended without a message.");
        }

        var (more, _) = await reader.ReadAsync(call.CancellationToken).ConfigureAwait(false);
        if (more)
        {
            throw new GrpcException(GrpcStatusCode.Internal, $"{Method.Path} takes one request message, but the client sent more.");
        }

        return request;
    }
}

internal sealed class UnaryServerMethod<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, UnaryServerHandler<TRequest, TResponse> handler)
    : ServerMethod<TRequest, TResponse>(method)
{
    public override async Task InvokeAsync(ServerCall call, string? encoding)
    {
        var request = await ReadSingleAsync(call, encoding).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false);
        if (call.Status.Code == GrpcStatusCode.OK)
        {
            if (response is null)
            {
                throw new InvalidOperationException($"The handler of {Method.Path} returned no response.");
            }

            await call.WriteMessageAsync(Method.ResponseMarshaller, response, CancellationToken.None).ConfigureAwait(false);
        }
    }
}

internal sealed class ServerStreamingServerMethod<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, ServerStreamingServerHandler<TRequest, TResponse> handler)
    : ServerMethod<TRequest, TResponse>(method)
{
    public override async Task InvokeAsync(ServerCall call, string? encoding)
    {
        var request = await ReadSingleAsync(call, encoding).ConfigureAwait(false);
        await handler(request, new ResponseWriter<TResponse>(call, Method.ResponseMarshaller), call).ConfigureAwait(false);
    }
}

internal sealed class DuplexStreamingServerMethod<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, DuplexStreamingServerHandler<TRequest, TResponse> handler)
    : ServerMethod<TRequest, TResponse>(method)
{
    public override Task InvokeAsync(ServerCall call, string? encoding) =>
        handler(ReadAll(Reader(call, encoding), call), new ResponseWriter<TResponse>(call, Method.ResponseMarshaller), call);

    private static async IAsyncEnumerable<TRequest> ReadAll(PipeMessageReader<TRequest> reader, ServerCall call, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, call.CancellationToken);
        while (true)
        {
            var (found, message) = await reader.ReadAsync(linked.Token).ConfigureAwait(false);
            if (!found)
            {
                yield break;
            }

            yield return message;
        }
    }
}

internal sealed class ResponseWriter<T>(ServerCall call, GrpcMarshaller<T> marshaller) : IServerStreamWriter<T>
{
    public Task WriteAsync(T message, CancellationToken cancellationToken = default) =>
        call.WriteMessageAsync(marshaller, message, cancellationToken);
}
