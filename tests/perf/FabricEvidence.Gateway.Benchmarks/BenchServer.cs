using System.Globalization;
using System.Net;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Gateway.Benchmarks;

/// <summary>
/// A minimal Gateway on Grpc.AspNetCore that answers every evaluation at once with a fixed result (or, in failing mode,
/// with <c>Unavailable</c>), so the benchmark measures the clients. It does not verify signatures (the tests' fake
/// server does).
/// </summary>
internal static class BenchServer
{
    public static async Task RunAsync(bool failing)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(new BenchGateway.Mode(failing));
        var app = builder.Build();
        app.MapGrpcService<BenchGateway>();
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LISTENING 127.0.0.1:{port}"));
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }
}

/// <summary>The benchmark's Gateway service.</summary>
internal sealed class BenchGateway(BenchGateway.Mode mode) : Protocol.Gateway.Gateway.GatewayBase
{
    private static readonly EvaluateResponse Response = new()
    {
        Result = new Response { Status = 200, Payload = ByteString.CopyFromUtf8("{\"ID\":\"asset1\",\"Color\":\"blue\",\"Size\":5,\"Owner\":\"Tom\",\"AppraisedValue\":1300}") },
    };

    public override Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context) =>
        mode.Failing ? throw new RpcException(new Status(StatusCode.Unavailable, "no peer available")) : Task.FromResult(Response);

    public override Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unavailable, "no endorsers available"));

    public sealed record Mode(bool Failing);
}
