using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using FabricEvidence.Protocol.Server;

namespace FabricEvidence.Benchmarks;

/// <summary>
/// The echo server in a process of its own: this same program started with <c>serve</c>. Both clients under test
/// then meet a server that shares neither their thread pool nor their garbage collector, so neither client's
/// allocations slow the server down for the other (see README.md, "Why a separate server process").
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const string ReadyPrefix = "LISTENING ";

    private readonly Process? _process;
    private readonly StringBuilder _stderr = new();

    private ServerProcess(Process? process) => _process = process;

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The plaintext (h2c) address of the server.</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}");

    /// <summary>A server that is already running on 127.0.0.1 (started with <c>serve</c>); disposing leaves it running.</summary>
    public static ServerProcess Existing(int port) => new(null) { Port = port };

    /// <summary>Starts the server process and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(TimeSpan? timeout = null)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Cannot tell which program is running, so cannot start the server process.");
        var psi = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Under 'dotnet FabricEvidence.Benchmarks.dll' the process is the dotnet host, which needs the assembly path.
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            psi.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
        }

        psi.ArgumentList.Add("serve");
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start '{self} serve'.");
        var server = new ServerProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (server._stderr)
                {
                    server._stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
                {
                    server.Port = int.Parse(line.AsSpan(ReadyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
                    return server;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        var stderr = server.Stderr;
        server.Dispose();
        throw new InvalidOperationException($"The server process did not report '{ReadyPrefix}<port>'. stderr: {stderr}");
    }

    private string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Closes the server's stdin, which tells it to stop; kills it if it has not exited in ten seconds.</summary>
    public void Dispose()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(10_000))
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(5_000);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    /// <summary>
    /// The body of <c>serve</c>: listens on 127.0.0.1 (a free port unless one is given), prints
    /// <c>LISTENING &lt;port&gt;</c>, and serves until its stdin closes (so it also ends when its parent dies) or it
    /// receives SIGINT or SIGTERM.
    /// </summary>
    public static async Task<int> ServeAsync(int port)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        await using var server = new GrpcServer(EchoService.CreateRegistry(), new GrpcServerOptions
        {
            Port = port,
            // Benchmarks run for minutes with steady traffic: keepalive PINGs would only add noise.
            KeepAliveInterval = Timeout.InfiniteTimeSpan,
        });
        await server.StartAsync();
        Console.Out.WriteLine(ReadyPrefix + server.Port.ToString(CultureInfo.InvariantCulture));
        Console.Out.Flush();
        // Console.In reads synchronously even through its async methods, so wait for end of input on a thread of its own.
        await Task.WhenAny(Task.Run(Console.In.ReadToEnd), stop.Task);
        return 0;

        void Stop(PosixSignalContext context)
        {
            // Shut down through DisposeAsync above rather than being torn down by the runtime.
            context.Cancel = true;
            stop.TrySetResult();
        }
    }
}
