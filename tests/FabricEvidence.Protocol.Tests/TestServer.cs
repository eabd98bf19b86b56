using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Server;
using Google.Protobuf;

namespace FabricEvidence.Protocol.Tests;

/// <summary>Methods of a test service, using Fabric's Envelope as a convenient bytes-carrying message.</summary>
internal static class TestMethods
{
    public static readonly GrpcMethod<Envelope, Envelope> Unary = GrpcMethod.Unary<Envelope, Envelope>("/test.Echo/Unary");
    public static readonly GrpcMethod<Envelope, Envelope> ServerStream = GrpcMethod.ServerStreaming<Envelope, Envelope>("/test.Echo/ServerStream");
    public static readonly GrpcMethod<Envelope, Envelope> Duplex = GrpcMethod.DuplexStreaming<Envelope, Envelope>("/test.Echo/Duplex");

    public static Envelope Message(string text) => new() { Payload = ByteString.CopyFromUtf8(text) };

    public static string Text(this Envelope envelope) => envelope.Payload.ToStringUtf8();
}

/// <summary>A started <see cref="GrpcServer"/> with a channel to it; disposing stops both.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(GrpcServer server, GrpcChannel channel)
    {
        Server = server;
        Channel = channel;
    }

    public GrpcServer Server { get; }

    public GrpcChannel Channel { get; }

    public static async Task<TestServer> StartAsync(GrpcServiceRegistry registry, GrpcServerOptions? serverOptions = null, GrpcChannelOptions? channelOptions = null)
    {
        var server = new GrpcServer(registry, serverOptions);
        await server.StartAsync();
        return new TestServer(server, GrpcChannel.ForAddress(server.Address, channelOptions));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
