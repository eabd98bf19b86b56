using BenchmarkDotNet.Attributes;
using FabricEvidence.Protocol;

namespace FabricEvidence.Benchmarks;

/// <summary>Unary echo round trips of 100-byte messages through our client over loopback h2c.</summary>
[MemoryDiagnoser]
public class UnaryBenchmarks
{
    /// <summary>Calls started together in <see cref="Concurrent"/>.</summary>
    public const int InFlight = 64;

    private BenchmarkServer _server = null!;
    private GrpcChannel _channel = null!;
    private byte[] _payload = null!;
    private readonly Task<byte[]>[] _calls = new Task<byte[]>[InFlight];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await BenchmarkServer.ConnectAsync();
        _channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan });
        _payload = new byte[100];
        _payload.AsSpan().Fill(0x5a);
        // Connect before measuring: the first call pays for the TCP connection and the HTTP/2 handshake.
        await _channel.UnaryAsync(EchoService.Unary, _payload);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>One call at a time: the latency of a round trip.</summary>
    [Benchmark(Description = "unary, 1 in flight")]
    public Task<byte[]> Sequential() => _channel.UnaryAsync(EchoService.Unary, _payload);

    /// <summary>64 calls started together and awaited together; reported per call.</summary>
    [Benchmark(Description = "unary, 64 in flight", OperationsPerInvoke = InFlight)]
    public Task Concurrent()
    {
        for (var i = 0; i < _calls.Length; i++)
        {
            _calls[i] = _channel.UnaryAsync(EchoService.Unary, _payload);
        }

        return Task.WhenAll(_calls);
    }
}
