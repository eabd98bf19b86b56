using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using FabricEvidence.Protocol.Server;
using static FabricEvidence.Protocol.Tests.TestMethods;

namespace FabricEvidence.Protocol.Tests;

/// <summary>
/// HTTP/2 keepalive, observed on the wire: a proxy between client and server counts the PING frames each side sends
/// while the connection is idle.
/// </summary>
public class KeepAliveTests
{
    [Fact]
    public async Task Client_sends_keepalive_pings_on_an_idle_connection_and_the_server_answers()
    {
        var registry = new GrpcServiceRegistry().AddUnary(Unary, (request, _) => Task.FromResult(request));
        await using var server = new GrpcServer(registry, new GrpcServerOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan });
        await server.StartAsync();
        await using var proxy = await FrameCountingProxy.StartAsync(server.Port);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{proxy.Port}", new GrpcChannelOptions
        {
            KeepAliveInterval = TimeSpan.FromSeconds(1),
            KeepAliveTimeout = TimeSpan.FromSeconds(5),
        });

        await channel.UnaryAsync(Unary, Message("open the connection"));
        await WaitUntilAsync(() => proxy.PingsFromClient >= 3 && proxy.PingAcksFromServer >= 3, TimeSpan.FromSeconds(20));

        Assert.True(proxy.PingsFromClient >= 3, $"client sent {proxy.PingsFromClient} PINGs");
        Assert.Equal("still open", (await channel.UnaryAsync(Unary, Message("still open"))).Text());
    }

    [Fact]
    public async Task Server_sends_keepalive_pings_on_an_idle_connection_and_the_client_answers()
    {
        var registry = new GrpcServiceRegistry().AddUnary(Unary, (request, _) => Task.FromResult(request));
        await using var server = new GrpcServer(registry, new GrpcServerOptions
        {
            KeepAliveInterval = TimeSpan.FromSeconds(1),
            KeepAliveTimeout = TimeSpan.FromSeconds(5),
        });
        await server.StartAsync();
        await using var proxy = await FrameCountingProxy.StartAsync(server.Port);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{proxy.Port}", new GrpcChannelOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan });

        await channel.UnaryAsync(Unary, Message("open the connection"));
        await WaitUntilAsync(() => proxy.PingsFromServer >= 2 && proxy.PingAcksFromClient >= 2, TimeSpan.FromSeconds(20));

        Assert.True(proxy.PingsFromServer >= 2, $"server sent {proxy.PingsFromServer} PINGs");
        Assert.True(proxy.PingAcksFromClient >= 2, $"client acknowledged {proxy.PingAcksFromClient} PINGs");
    }

    [Fact]
    public async Task No_pings_are_sent_when_keepalive_is_off()
    {
        var registry = new GrpcServiceRegistry().AddUnary(Unary, (request, _) => Task.FromResult(request));
        await using var server = new GrpcServer(registry, new GrpcServerOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan });
        await server.StartAsync();
        await using var proxy = await FrameCountingProxy.StartAsync(server.Port);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{proxy.Port}", new GrpcChannelOptions { KeepAliveInterval = Timeout.InfiniteTimeSpan });

        await channel.UnaryAsync(Unary, Message("open the connection"));
        // .NET sends a PING or two right after traffic to measure the round trip for its receive window; let those
        // pass, then nothing may follow while the connection is idle.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = proxy.PingsFromClient + proxy.PingsFromServer;
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(before, proxy.PingsFromClient + proxy.PingsFromServer);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    /// <summary>A TCP relay that parses the HTTP/2 frames passing through it and counts PINGs in each direction.</summary>
    private sealed class FrameCountingProxy : IAsyncDisposable
    {
        private const byte PingFrame = 0x6;
        private const int PrefaceLength = 24;
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _cts = new();
        private readonly int _target;
        private Task _accept = Task.CompletedTask;
        private int _pingsFromClient;
        private int _pingAcksFromClient;
        private int _pingsFromServer;
        private int _pingAcksFromServer;

        private FrameCountingProxy(int target)
        {
            _target = target;
            _listener = new TcpListener(IPAddress.Loopback, 0);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int PingsFromClient => Volatile.Read(ref _pingsFromClient);

        public int PingAcksFromClient => Volatile.Read(ref _pingAcksFromClient);

        public int PingsFromServer => Volatile.Read(ref _pingsFromServer);

        public int PingAcksFromServer => Volatile.Read(ref _pingAcksFromServer);

        public static Task<FrameCountingProxy> StartAsync(int target)
        {
            var proxy = new FrameCountingProxy(target);
            proxy._listener.Start();
            proxy._accept = proxy.AcceptAsync();
            return Task.FromResult(proxy);
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_cts.IsCancellationRequested)
                {
                    var client = await _listener.AcceptTcpClientAsync(_cts.Token);
                    var upstream = new TcpClient();
                    await upstream.ConnectAsync(IPAddress.Loopback, _target, _cts.Token);
                    _ = PumpAsync(client.GetStream(), upstream.GetStream(), fromClient: true);
                    _ = PumpAsync(upstream.GetStream(), client.GetStream(), fromClient: false);
                }
            }
            catch (Exception) when (_cts.IsCancellationRequested)
            {
            }
        }

        private async Task PumpAsync(Stream from, Stream to, bool fromClient)
        {
            var pending = new List<byte>();
            var skip = fromClient ? PrefaceLength : 0;
            var buffer = new byte[16384];
            try
            {
                int read;
                while ((read = await from.ReadAsync(buffer, _cts.Token)) > 0)
                {
                    await to.WriteAsync(buffer.AsMemory(0, read), _cts.Token);
                    pending.AddRange(buffer.AsSpan(0, read).ToArray());
                    var consumed = Math.Min(skip, pending.Count);
                    skip -= consumed;
                    var offset = consumed;
                    while (pending.Count - offset >= 9)
                    {
                        var header = pending.GetRange(offset, 9).ToArray();
                        var length = (header[0] << 16) | (header[1] << 8) | header[2];
                        if (pending.Count - offset < 9 + length)
                        {
                            break;
                        }

                        if (header[3] == PingFrame)
                        {
                            var ack = (header[4] & 0x1) != 0;
                            Interlocked.Increment(ref fromClient
                                ? ref (ack ? ref _pingAcksFromClient : ref _pingsFromClient)
                                : ref (ack ? ref _pingAcksFromServer : ref _pingsFromServer));
                        }

                        offset += 9 + length;
                    }

                    pending.RemoveRange(0, offset);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The relay ends with either side; the counts are what the test reads.
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _cts.CancelAsync();
            _listener.Stop();
            await _accept;
            _cts.Dispose();
        }
    }
}
