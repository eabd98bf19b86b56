using System.Runtime.CompilerServices;
using FabricEvidence.Protocol.Internal;

namespace FabricEvidence.Protocol;

/// <summary>
/// A server-streaming call in progress. Read the responses with <see cref="ReadAllAsync"/>; dispose the call to cancel
/// it early (the server sees a cancellation).
/// </summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class ServerStreamingCall<TResponse> : IDisposable, IAsyncDisposable
{
    private readonly IResponseCall<TResponse> _call;

    internal ServerStreamingCall(IResponseCall<TResponse> call) => _call = call;

    /// <summary>The response headers, available once the server starts its response.</summary>
    public Task<GrpcMetadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>
    /// The responses, in order. The enumeration ends when the server completes the call with OK, and throws
    /// <see cref="GrpcException"/> when it ends with any other status. Cancelling <paramref name="cancellationToken"/>
    /// cancels the call.
    /// </summary>
    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) => ReadAll(_call, cancellationToken);

    /// <summary>The status the call ended with. Throws while the call is in progress.</summary>
    public GrpcStatus GetStatus() => _call.GetStatus();

    /// <summary>The trailing metadata. Throws while the call is in progress.</summary>
    public GrpcMetadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call if it is still in progress and releases its resources.</summary>
    public void Dispose() => _call.Dispose();

    /// <inheritdoc cref="Dispose"/>
    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static async IAsyncEnumerable<TResponse> ReadAll(IResponseCall<TResponse> call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await call.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return call.Current;
        }
    }
}

/// <summary>
/// A bidirectional-streaming call in progress: write with <see cref="RequestStream"/>, read with
/// <see cref="ReadAllAsync"/>, concurrently. Dispose the call to cancel it.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable, IAsyncDisposable
{
    private readonly IResponseCall<TResponse> _call;

    internal DuplexStreamingCall(IResponseCall<TResponse> call, IGrpcStreamWriter<TRequest> requestStream)
    {
        _call = call;
        RequestStream = requestStream;
    }

    /// <summary>The request stream.</summary>
    public IGrpcStreamWriter<TRequest> RequestStream { get; }

    /// <inheritdoc cref="ServerStreamingCall{TResponse}.ResponseHeadersAsync"/>
    public Task<GrpcMetadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <inheritdoc cref="ServerStreamingCall{TResponse}.ReadAllAsync"/>
    public IAsyncEnumerable<TResponse> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ServerStreamingCall<TResponse>.ReadAll(_call, cancellationToken);

    /// <inheritdoc cref="ServerStreamingCall{TResponse}.GetStatus"/>
    public GrpcStatus GetStatus() => _call.GetStatus();

    /// <inheritdoc cref="ServerStreamingCall{TResponse}.GetTrailers"/>
    public GrpcMetadata GetTrailers() => _call.GetTrailers();

    /// <inheritdoc cref="ServerStreamingCall{TResponse}.Dispose"/>
    public void Dispose() => _call.Dispose();

    /// <inheritdoc cref="ServerStreamingCall{TResponse}.Dispose"/>
    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }
}
