using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Protocol.Server;

/// <summary>
/// A standalone gRPC server on Kestrel serving the methods of a <see cref="GrpcServiceRegistry"/>. For a server
/// inside an application host of your own, use <see cref="GrpcServerKestrelExtensions"/> instead.
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcServerOptions _options;
    private int _state; // 0 created, 1 started, 2 stopped

    /// <summary>Creates a server; call <see cref="StartAsync"/> to listen.</summary>
    /// <param name="registry">The methods to serve.</param>
    /// <param name="options">Options; <see langword="null"/> for the defaults (plaintext on 127.0.0.1, a free port).</param>
    /// <param name="loggerFactory">Where to log; <see langword="null"/> logs nothing.</param>
    public GrpcServer(GrpcServiceRegistry registry, GrpcServerOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _options = options ?? new GrpcServerOptions();
        _options.Validate();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(_options));
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }
        else
        {
            builder.Logging.ClearProviders();
        }

        _app = builder.Build();
        _app.UseGrpcServices(registry, _options);
    }

    /// <summary>The port the server listens on, once started.</summary>
    public int Port { get; private set; }

    /// <summary>The address clients use, once started: <c>https://</c> with a certificate, <c>http://</c> without.</summary>
    public Uri Address => new(string.Create(CultureInfo.InvariantCulture,
        $"{(_options.Certificate is null ? "http" : "https")}://{FormatHost()}:{Port}"));

    /// <summary>Starts listening.</summary>
    /// <exception cref="IOException">The address is in use.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The server has already been started.");
        }

        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var first = addresses.First();
        Port = new Uri(first.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
    }

    /// <summary>
    /// Stops listening. Calls in progress get until <paramref name="cancellationToken"/> fires to finish, then are
    /// aborted.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) == 1)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server, allowing five seconds for calls in progress.</summary>
    public async ValueTask DisposeAsync()
    {
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await StopAsync(cts.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private string FormatHost()
    {
        var address = _options.ListenAddress;
        if (address.Equals(System.Net.IPAddress.Any) || address.Equals(System.Net.IPAddress.IPv6Any))
        {
            return "localhost";
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
    }
}
