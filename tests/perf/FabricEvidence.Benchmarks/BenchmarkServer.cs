using FabricEvidence.Protocol.Server;

namespace FabricEvidence.Benchmarks;

/// <summary>
/// The server the BenchmarkDotNet benchmarks call. Program starts it as a separate process before handing over to
/// BenchmarkDotNet and passes its address down in <see cref="AddressVariable"/> (benchmark processes inherit the
/// environment). Run any other way (for example with an in-process toolchain), the benchmark starts one in its own
/// process instead and says so.
/// </summary>
public sealed class BenchmarkServer : IAsyncDisposable
{
    /// <summary>The environment variable holding the server address.</summary>
    public const string AddressVariable = "FABRIC_EVIDENCE_BENCH_SERVER";

    private readonly GrpcServer? _inProcess;

    private BenchmarkServer(string address, GrpcServer? inProcess)
    {
        Address = address;
        _inProcess = inProcess;
    }

    /// <summary>The server address, http://127.0.0.1:port.</summary>
    public string Address { get; }

    /// <summary>Finds the server Program started, or starts one in this process.</summary>
    public static async Task<BenchmarkServer> ConnectAsync()
    {
        if (Environment.GetEnvironmentVariable(AddressVariable) is { Length: > 0 } address)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Host != "127.0.0.1")
            {
                throw new InvalidOperationException($"{AddressVariable}='{address}' must be http://127.0.0.1:<port>; benchmarks only load the loopback interface.");
            }

            return new BenchmarkServer(address, null);
        }

        Console.WriteLine($"// {AddressVariable} is not set: starting the echo server inside the benchmark process.");
        var server = new GrpcServer(EchoService.CreateRegistry(), new GrpcServerOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan });
        await server.StartAsync();
        return new BenchmarkServer(server.Address.ToString().TrimEnd('/'), server);
    }

    /// <summary>Stops the in-process server, if there is one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }
    }
}
