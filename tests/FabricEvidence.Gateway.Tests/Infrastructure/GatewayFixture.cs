using Grpc.Net.Client;

namespace FabricEvidence.Gateway.Tests.Infrastructure;

/// <summary>A fake Gateway server, a channel to it and a gateway connected as a fresh identity.</summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    private GatewayFixture(FakeGatewayServer server, GrpcChannel channel, IGateway gateway, TestCredentials credentials, GatewayOptions options)
    {
        Server = server;
        Channel = channel;
        Gateway = gateway;
        Credentials = credentials;
        Options = options;
    }

    public FakeGatewayServer Server { get; }

    public GrpcChannel Channel { get; }

    public IGateway Gateway { get; }

    public TestCredentials Credentials { get; }

    public GatewayOptions Options { get; }

    public INetwork Network => Gateway.GetNetwork("mychannel");

    public IContract Contract => Network.GetContract("basic");

    public static async Task<GatewayFixture> StartAsync(Action<GatewayOptions>? configure = null, TestCredentials? credentials = null, bool offline = false)
    {
        credentials ??= TestCredentials.Create();
        var server = await FakeGatewayServer.StartAsync();
        server.Hash = credentials.Hash;
        var channel = server.CreateChannel();
        var options = new GatewayOptions
        {
            Channel = channel,
            Identity = credentials.Identity,
            Signer = offline ? null : credentials.Signer,
            Hash = credentials.Hash,
            Resilience = new ResilienceOptions { InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        };
        configure?.Invoke(options);
        return new GatewayFixture(server, channel, FabricGateway.Connect(options), credentials, options);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
