using FabricEvidence.Chaincode.Internal.Shim;
using FabricEvidence.Chaincode.Internal.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode;

/// <summary>
/// Builds a <see cref="ChaincodeServer"/>: register the chaincode (<see cref="AddChaincode{TChaincode}"/>, or an
/// extension such as the contract API's <c>AddContract&lt;T&gt;()</c>, which registers an <see cref="IChaincode"/> in
/// <see cref="Services"/>), adjust options, then <see cref="Build"/>.
/// </summary>
/// <remarks>
/// The server resolves exactly one <see cref="IChaincode"/> from <see cref="Services"/> when it is built and shares
/// it across all connections and transactions, which run concurrently: the chaincode must be thread-safe (a
/// stateless class is). Options come from configuration first (environment variables and command-line arguments,
/// see <see cref="ChaincodeServerOptions"/>), then from <see cref="ConfigureOptions"/> callbacks in order.
/// </remarks>
public sealed class ChaincodeServerBuilder
{
    private readonly HostApplicationBuilder _host;
    private readonly List<Action<ChaincodeServerOptions>> _configure = new();
    // A peer opens one Connect stream per connection; the limit only bounds a misbehaving client.
    private const int MaxConcurrentStreams = 100;

    private bool _built;

    internal ChaincodeServerBuilder(string[] args)
    {
        _host = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        _host.Configuration.AddEnvironmentVariables();
        _host.Configuration.AddCommandLine(args);
        _host.Logging.AddConfiguration(_host.Configuration.GetSection("Logging"));
        _host.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffK ";
            console.UseUtcTimestamp = true;
        });
    }

    /// <summary>The services of the server: register the <see cref="IChaincode"/> and whatever it depends on here.</summary>
    public IServiceCollection Services => _host.Services;

    /// <summary>The configuration: environment variables and command-line arguments; add sources of your own if needed.</summary>
    public ConfigurationManager Configuration => _host.Configuration;

    /// <summary>Logging; by default one line per entry on the console, filtered by the <c>Logging</c> configuration section.</summary>
    public ILoggingBuilder Logging => _host.Logging;

    /// <summary>Changes the options after they have been read from configuration.</summary>
    public ChaincodeServerBuilder ConfigureOptions(Action<ChaincodeServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _configure.Add(configure);
        return this;
    }

    /// <summary>Serves <typeparamref name="TChaincode"/>, created once by dependency injection.</summary>
    public ChaincodeServerBuilder AddChaincode<TChaincode>()
        where TChaincode : class, IChaincode
    {
        Services.AddSingleton<IChaincode, TChaincode>();
        return this;
    }

    /// <summary>
    /// Serves the contract class <typeparamref name="TContract"/>; call once per contract. The first contract added
    /// is the default unless one is marked <see cref="DefaultAttribute"/>; the system contract
    /// <c>org.hyperledger.fabric</c> (GetMetadata) is always added.
    /// </summary>
    public ChaincodeServerBuilder AddContract<TContract>()
        where TContract : Contract
    {
        Services.AddContract<TContract>();
        return this;
    }

    /// <summary>Serves <paramref name="chaincode"/>.</summary>
    public ChaincodeServerBuilder AddChaincode(IChaincode chaincode)
    {
        ArgumentNullException.ThrowIfNull(chaincode);
        Services.AddSingleton(chaincode);
        return this;
    }

    /// <summary>Reads and checks the options and builds the server.</summary>
    /// <exception cref="InvalidOperationException">
    /// The configuration is incomplete or invalid (the message lists every problem and the variable to fix), or not
    /// exactly one <see cref="IChaincode"/> is registered.
    /// </exception>
    public ChaincodeServer Build()
    {
        if (_built)
        {
            throw new InvalidOperationException("Build may be called only once.");
        }

        var options = new ChaincodeServerOptions();
        var errors = new List<string>();
        ServerConfiguration.Apply(Configuration, options, errors);
        foreach (var configure in _configure)
        {
            configure(options);
        }

        var endpoint = ServerConfiguration.Validate(options, errors);
        var registrations = Services.Count(d => d.ServiceType == typeof(IChaincode));
        if (registrations == 0)
        {
            errors.Add("No chaincode is registered: call AddChaincode<T>() (or the contract API's AddContract<T>()) on the builder.");
        }
        else if (registrations > 1)
        {
            errors.Add($"{registrations} chaincodes are registered; a chaincode server serves exactly one IChaincode.");
        }

        if (errors.Count > 0 || endpoint is null)
        {
            throw new InvalidOperationException("The chaincode server cannot start:" + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", errors));
        }

        _built = true;
        Services.TryAddSingleton(options);
        Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout + TimeSpan.FromSeconds(5));
        var host = _host.Build();

        var chaincode = host.Services.GetRequiredService<IChaincode>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("FabricEvidence.Chaincode");
        var settings = new ChaincodeRuntimeSettings(options.ChaincodeId!, options.LocalMspId, options.ShutdownTimeout, TimeSpan.FromSeconds(15));
        var stopping = new CancellationTokenSource();
        var service = new ChaincodeService(chaincode, settings, logger, stopping.Token);
        var tls = new ListenerTls(options.TlsCertificate, options.ClientCertificateAuthorities);
        var listener = new ChaincodeTransport(endpoint, tls, service, options.MaxMessageSize, options.KeepAliveInterval, options.KeepAliveTimeout,
            MaxConcurrentStreams, host.Services.GetRequiredService<ILoggerFactory>());
        return new ChaincodeServer(host, listener, stopping, options, logger);
    }
}
