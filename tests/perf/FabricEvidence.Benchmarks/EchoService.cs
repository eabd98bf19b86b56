using System.Buffers.Binary;
using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Server;

namespace FabricEvidence.Benchmarks;

/// <summary>
/// The service every benchmark calls. Messages are raw bytes (<see cref="GrpcMarshallers.Bytes"/>) so the numbers
/// measure the transport, not protobuf; the Node load client (tests/testassets/node/bench/load-client.js) speaks the same
/// three methods with identity serializers.
/// </summary>
public static class EchoService
{
    /// <summary>Upper bounds on what a server-stream request may ask for, so a bad request cannot run away.</summary>
    public const int MaxStreamMessages = 1_000_000;

    /// <inheritdoc cref="MaxStreamMessages"/>
    public const int MaxStreamMessageSize = 1024 * 1024;

    /// <summary>Returns the request bytes unchanged.</summary>
    public static GrpcMethod<byte[], byte[]> Unary { get; } =
        new(GrpcMethodType.Unary, "/fabricevidence.bench.Echo/Unary", GrpcMarshallers.Bytes, GrpcMarshallers.Bytes);

    /// <summary>The request is 8 bytes, count and size (big-endian uint32); the server sends count messages of size bytes.</summary>
    public static GrpcMethod<byte[], byte[]> ServerStream { get; } =
        new(GrpcMethodType.ServerStreaming, "/fabricevidence.bench.Echo/ServerStream", GrpcMarshallers.Bytes, GrpcMarshallers.Bytes);

    /// <summary>Sends every request message straight back.</summary>
    public static GrpcMethod<byte[], byte[]> Bidi { get; } =
        new(GrpcMethodType.DuplexStreaming, "/fabricevidence.bench.Echo/Bidi", GrpcMarshallers.Bytes, GrpcMarshallers.Bytes);

    /// <summary>The request of <see cref="ServerStream"/>.</summary>
    public static byte[] StreamRequest(int count, int size)
    {
        var request = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(request, (uint)count);
        BinaryPrimitives.WriteUInt32BigEndian(request.AsSpan(4), (uint)size);
        return request;
    }

    /// <summary>The handlers of the three methods.</summary>
    public static GrpcServiceRegistry CreateRegistry() => new GrpcServiceRegistry()
        .AddUnary(Unary, static (request, _) => Task.FromResult(request))
        .AddServerStreaming(ServerStream, static async (request, writer, context) =>
        {
            if (request.Length != 8)
            {
                throw new GrpcException(GrpcStatusCode.InvalidArgument, $"ServerStream takes 8 bytes (count, size), got {request.Length}.");
            }

            var count = BinaryPrimitives.ReadUInt32BigEndian(request);
            var size = BinaryPrimitives.ReadUInt32BigEndian(request.AsSpan(4));
            if (count > MaxStreamMessages || size > MaxStreamMessageSize)
            {
                throw new GrpcException(GrpcStatusCode.InvalidArgument,
                    $"ServerStream allows at most {MaxStreamMessages} messages of {MaxStreamMessageSize} bytes; asked for {count} of {size}.");
            }

            var payload = new byte[size];
            payload.AsSpan().Fill(0x5a);
            for (var i = 0; i < count; i++)
            {
                await writer.WriteAsync(payload, context.CancellationToken);
            }
        })
        .AddDuplexStreaming(Bidi, static async (requests, writer, context) =>
        {
            await foreach (var message in requests.WithCancellation(context.CancellationToken))
            {
                await writer.WriteAsync(message, context.CancellationToken);
            }
        });
}
