using System.Globalization;
using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using FabricEvidence.Protocol.Server;
using Google.Protobuf;

namespace FabricEvidence.Gateway.Benchmarks;

/// <summary>
/// A minimal Gateway that answers every evaluation at once with a fixed result, so the benchmark measures the clients.
/// It does not verify signatures (the tests' fake server does).
/// </summary>
internal static class BenchServer
{
    private static readonly GrpcMethod<EvaluateRequest, EvaluateResponse> Evaluate = GrpcMethod.Unary<EvaluateRequest, EvaluateResponse>("/gateway.Gateway/Evaluate");

    public static async Task RunAsync()
    {
        var response = new EvaluateResponse { Result = new Response { Status = 200, Payload = ByteString.CopyFromUtf8("{\"ID\":\"asset1\",\"Color\":\"blue\",\"Size\":5,\"Owner\":\"Tom\",\"AppraisedValue\":1300}") } };
        var registry = new GrpcServiceRegistry().AddUnary(Evaluate, (request, context) => Task.FromResult(response));
        await using var server = new GrpcServer(registry);
        await server.StartAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"LISTENING 127.0.0.1:{server.Port}"));
        Console.Out.Flush();
        await Console.In.ReadToEndAsync();
    }
}
