using FabricEvidence.Chaincode.Internal.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode;

/// <summary>
/// A chaincode-as-a-service server: it listens for peers on <c>/protos.Chaincode/Connect</c>, registers the chaincode
/// with each peer that connects and executes its transactions. Typical program:
/// <code>
/// await ChaincodeServer.CreateBuilder(args).AddChaincode&lt;MyChaincode&gt;().Build().RunAsync();
/// </code>
/// </summary>
/// <remarks>
/// Stopping (Ctrl+C, SIGTERM, <see cref="StopAsync"/>) refuses new transactions, lets those in flight finish within
/// <see cref="ChaincodeServerOptions.ShutdownTimeout"/>, then closes the streams.
/// </remarks>
public sealed partial class ChaincodeServer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ChaincodeTransport _listener;
    private readonly CancellationTokenSource _stopping;
    private readonly ILogger _logger;
    private int _state; // 0 created, 1 started, 2 stopped

    internal ChaincodeServer(IHost host, ChaincodeTransport listener, CancellationTokenSource stopping, ChaincodeServerOptions options, ILogger logger)
    {
        _host = host;
        _listener = listener;
        _stopping = stopping;
        Options = options;
        _logger = logger;
    }

    /// <summary>The options the server was built with.</summary>
    public ChaincodeServerOptions Options { get; }

    /// <summary>The server's services.</summary>
    public IServiceProvider Services => _host.Services;


    /// <summary>The port the server listens on, once started (useful when the configured port is 0).</summary>
    public int Port { get; private set; }

    /// <summary>
    /// Creates a builder whose options come from environment variables and <paramref name="args"/> (see
    /// <see cref="ChaincodeServerOptions"/> for the names).
    /// </summary>
    public static ChaincodeServerBuilder CreateBuilder(string[]? args = null) => new(args ?? Array.Empty<string>());

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The address is in use or cannot be bound.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The chaincode server has already been started.");
        }

        await _host.StartAsync(cancellationToken).ConfigureAwait(false);
        await _listener.StartAsync(cancellationToken).ConfigureAwait(false);
        Port = _listener.Port;
        LogListening(_logger, Options.ChaincodeId!, Options.Address!, Port, Options.TlsCertificate is not null, Options.ClientCertificateAuthorities is not null);
        if (Options.TlsCertificate is null)
        {
            LogPlaintext(_logger);
        }
    }

    /// <summary>
    /// Starts (unless started) and serves until the process is asked to stop (Ctrl+C, SIGTERM) or
    /// <paramref name="cancellationToken"/> fires, then stops gracefully.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _state) == 0)
        {
            await StartAsync(cancellationToken).ConfigureAwait(false);
        }

        var lifetime = _host.Services.GetRequiredService<IHostApplicationLifetime>();
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStopping.Register(() => stopRequested.TrySetResult()))
        using (cancellationToken.Register(() => stopRequested.TrySetResult()))
        {
            await stopRequested.Task.ConfigureAwait(false);
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops: new transactions are refused, transactions in flight get <see cref="ChaincodeServerOptions.ShutdownTimeout"/>
    /// to finish, then the streams close. <paramref name="cancellationToken"/> cuts the wait short.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) == 1)
        {
            LogStopping(_logger, Options.ShutdownTimeout);
            // Connections drain (transactions in flight get ShutdownTimeout) and then close; the margin lets the
            // streams end with a status before anything is cut.
            await _stopping.CancelAsync().ConfigureAwait(false);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Options.ShutdownTimeout + TimeSpan.FromSeconds(5));
            await _listener.StopAsync(limit.Token).ConfigureAwait(false);
            await _host.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server (gracefully, as <see cref="StopAsync"/>) and releases it.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _listener.Dispose();
        _stopping.Dispose();
        if (_host is IAsyncDisposable asyncHost)
        {
            await asyncHost.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            _host.Dispose();
        }
    }

    [LoggerMessage(100, LogLevel.Information, "Chaincode {ChaincodeId} listening on {Address} (port {Port}; TLS: {Tls}; mutual TLS: {MutualTls}).")]
    private static partial void LogListening(ILogger logger, string chaincodeId, string address, int port, bool tls, bool mutualTls);

    [LoggerMessage(101, LogLevel.Warning, "TLS is off: peers connect in plaintext. Set CHAINCODE_TLS_CERT and CHAINCODE_TLS_KEY (and tls_required in connection.json) outside development.")]
    private static partial void LogPlaintext(ILogger logger);

    [LoggerMessage(102, LogLevel.Information, "Stopping: refusing new transactions; waiting up to {Timeout} for those in flight.")]
    private static partial void LogStopping(ILogger logger, TimeSpan timeout);
}
