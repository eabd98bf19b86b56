namespace FabricEvidence.Protocol;

/// <summary>The request side of a streaming call.</summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
public interface IGrpcStreamWriter<in TRequest>
{
    /// <summary>
    /// Sends one message. Writes are serialised: a second concurrent call waits for the first to finish.
    /// </summary>
    /// <exception cref="GrpcException">The call has ended; the exception carries its status.</exception>
    /// <exception cref="InvalidOperationException">Requests were already completed.</exception>
    Task WriteAsync(TRequest message, CancellationToken cancellationToken = default);

    /// <summary>Signals that no more requests will be sent (half-closes the stream).</summary>
    Task CompleteAsync();
}
