using BenchmarkDotNet.Attributes;
using FabricEvidence.Protocol;

namespace FabricEvidence.Benchmarks;

/// <summary>Streams of 100-byte messages through our client over loopback h2c; results are per message.</summary>
[MemoryDiagnoser]
public class StreamingBenchmarks
{
    /// <summary>Messages per call.</summary>
    public const int Messages = 1000;

    private const int Size = 100;

    private BenchmarkServer _server = null!;
    private GrpcChannel _channel = null!;
    private byte[] _payload = null!;
    private byte[] _streamRequest = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await BenchmarkServer.ConnectAsync();
        _channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan });
        _payload = new byte[Size];
        _payload.AsSpan().Fill(0x5a);
        _streamRequest = EchoService.StreamRequest(Messages, Size);
        await _channel.UnaryAsync(EchoService.Unary, _payload);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>The server sends 1000 messages; the client reads them all.</summary>
    [Benchmark(Description = "server-stream, per message", OperationsPerInvoke = Messages)]
    public async Task<int> ServerStream()
    {
        using var call = _channel.ServerStreaming(EchoService.ServerStream, _streamRequest);
        var received = 0;
        await foreach (var message in call.ReadAllAsync())
        {
            received += message.Length == Size ? 1 : throw new InvalidOperationException("Wrong message size.");
        }

        return received == Messages ? received : throw new InvalidOperationException($"Received {received} of {Messages} messages.");
    }

    /// <summary>The client writes 1000 messages while reading the server's echoes.</summary>
    [Benchmark(Description = "bidi echo, per message", OperationsPerInvoke = Messages)]
    public async Task<int> Bidi()
    {
        using var call = _channel.DuplexStreaming(EchoService.Bidi);
        var writing = WriteAllAsync(call.RequestStream);
        var received = 0;
        await foreach (var message in call.ReadAllAsync())
        {
            received += message.Length == Size ? 1 : throw new InvalidOperationException("Wrong message size.");
        }

        await writing;
        return received == Messages ? received : throw new InvalidOperationException($"Received {received} of {Messages} echoes.");
    }

    private async Task WriteAllAsync(IGrpcStreamWriter<byte[]> requests)
    {
        await Task.Yield();
        for (var i = 0; i < Messages; i++)
        {
            await requests.WriteAsync(_payload);
        }

        await requests.CompleteAsync();
    }
}
