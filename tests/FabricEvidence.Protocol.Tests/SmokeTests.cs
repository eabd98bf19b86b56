using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Server;

namespace FabricEvidence.Protocol.Tests;

public class SmokeTests
{
    private static readonly GrpcMethod<Envelope, Envelope> Echo = GrpcMethod.Unary<Envelope, Envelope>("/test.Echo/Unary");
    private static readonly GrpcMethod<Envelope, Envelope> Stream = GrpcMethod.ServerStreaming<Envelope, Envelope>("/test.Echo/Stream");
    private static readonly GrpcMethod<Envelope, Envelope> Duplex = GrpcMethod.DuplexStreaming<Envelope, Envelope>("/test.Echo/Duplex");

    [Fact]
    public async Task Unary_stream_duplex_round_trip()
    {
        var registry = new GrpcServiceRegistry()
            .AddUnary(Echo, (req, ctx) => Task.FromResult(req))
            .AddServerStreaming(Stream, async (req, w, ctx) => { for (var i = 0; i < 3; i++) await w.WriteAsync(req); })
            .AddDuplexStreaming(Duplex, async (reqs, w, ctx) => { await foreach (var r in reqs) await w.WriteAsync(r); });
        await using var server = new GrpcServer(registry);
        await server.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        var env = new Envelope { Payload = Google.Protobuf.ByteString.CopyFromUtf8("hi") };
        var r1 = await channel.UnaryAsync(Echo, env);
        Assert.Equal(env, r1);
        using var sc = channel.ServerStreaming(Stream, env);
        var n = 0;
        await foreach (var m in sc.ReadAllAsync()) n++;
        Assert.Equal(3, n);
        using var dc = channel.DuplexStreaming(Duplex);
        await dc.RequestStream.WriteAsync(env);
        await dc.RequestStream.WriteAsync(env);
        await dc.RequestStream.CompleteAsync();
        n = 0;
        await foreach (var m in dc.ReadAllAsync()) n++;
        Assert.Equal(2, n);
        var ex = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(GrpcMethod.Unary<Envelope, Envelope>("/test.Echo/Nope"), env));
        Assert.Equal(GrpcStatusCode.Unimplemented, ex.StatusCode);
    }
}
