namespace FabricEvidence.Protocol.Internal;

/// <summary>The response side of a client call, independent of its request type.</summary>
internal interface IResponseCall<TResponse> : IDisposable
{
    Task<GrpcMetadata> ResponseHeadersAsync { get; }

    TResponse Current { get; }

    ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken);

    GrpcStatus GetStatus();

    GrpcMetadata GetTrailers();
}
