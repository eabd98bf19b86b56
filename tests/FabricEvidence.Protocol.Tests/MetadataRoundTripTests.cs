using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Server;

namespace FabricEvidence.Protocol.Tests;

public sealed class MetadataRoundTripTests
{
    private static readonly GrpcMethod<Envelope, Envelope> Echo = GrpcMethod.Unary<Envelope, Envelope>("/test.Metadata/Echo");
    private static readonly GrpcMethod<Envelope, Envelope> Fail = GrpcMethod.Unary<Envelope, Envelope>("/test.Metadata/Fail");

    [Fact]
    public async Task Repeated_binary_metadata_values_reach_the_server_and_come_back_in_trailers()
    {
        // HttpClient sends repeated values of one header as a single comma-joined field; each must still be decoded.
        var seen = new List<string>();
        var registry = new GrpcServiceRegistry()
            .AddUnary(Echo, (request, context) =>
            {
                seen.AddRange(context.RequestHeaders.Where(e => e.Key == "x-values-bin").Select(e => Convert.ToHexStringLower(e.ValueBytes)));
                return Task.FromResult(request);
            })
            .AddUnary(Fail, (request, context) =>
            {
                var trailers = new GrpcMetadata().Add("x-values-bin", [0xab, 0xab, 0xab]).Add("x-values-bin", [0x01]);
                throw new GrpcException(new GrpcStatus(GrpcStatusCode.NotFound, "gone"), trailers, null);
            });
        await using var server = new GrpcServer(registry);
        await server.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.Address);
        var headers = new GrpcMetadata().Add("x-values-bin", [0xab, 0xab, 0xab]).Add("x-values-bin", [0x01]);

        await channel.UnaryAsync(Echo, new Envelope(), new GrpcCallOptions { Headers = headers });
        var ex = await Assert.ThrowsAsync<GrpcException>(() => channel.UnaryAsync(Fail, new Envelope()));

        Assert.Equal(["ababab", "01"], seen);
        Assert.Equal(["ababab", "01"], ex.Trailers.Where(e => e.Key == "x-values-bin").Select(e => Convert.ToHexStringLower(e.ValueBytes)));
    }
}
