using FabricEvidence.Evidence.Storage;
using FabricEvidence.Evidence.StorageService.Authentication;
using FabricEvidence.Evidence.StorageService.Internal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using System.Runtime.CompilerServices;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FabricEvidence.Evidence.StorageService;

/// <summary>
/// Builds the storage service the ASP.NET Core way: <see cref="CreateBuilder"/> registers everything from
/// configuration (section <c>StorageService</c>), the host may then replace services (its <see cref="IEvidenceLedger"/>
/// above all), and <see cref="Build"/> maps the endpoints.
/// </summary>
public static class StorageServiceApplication
{
    /// <summary>A builder with the service registered: options, store, authentication, health, integrity schedule.</summary>
    /// <param name="args">Command-line arguments (configuration overrides such as <c>--StorageService:Store=S3</c>).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // The slim builder: the same configuration sources and console logging, without what this service does not
        // use and would otherwise load and keep resident (IIS integration, HTTP/3 over QUIC, regular-expression route
        // constraints, the Debug and EventSource logging providers). HTTPS endpoints from configuration
        // (Kestrel:Endpoints) are added back explicitly.
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseKestrelHttpsConfiguration();
        var services = builder.Services;

        services.AddOptions<StorageServiceOptions>().Bind(builder.Configuration.GetSection(StorageServiceOptions.Section)).ValidateOnStart();
        services.AddOptions<FabricTrustOptions>().Bind(builder.Configuration.GetSection(FabricTrustOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageServiceOptions>, StorageServiceOptionsValidator>();
        services.AddSingleton<IValidateOptions<FabricTrustOptions>, FabricTrustOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<IEvidenceObjectStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StorageServiceOptions>>().Value;
            return options.Store == "S3"
                ? CreateS3Store(options, sp)
                : new FileSystemObjectStore(options.FileSystem, sp.GetService<ILogger<FileSystemObjectStore>>());
        });

        services.AddSingleton<StorageTelemetry>();
        services.AddSingleton<ItemLocks>();
        services.AddSingleton<ProblemWriter>();
        services.AddSingleton<StorageHandlers>();
        services.AddSingleton<IntegrityChecker>();
        services.AddSingleton<FabricCertificateValidator>();
        services.AddSingleton<NonceCache>();
        services.AddHostedService<IntegrityCheckService>();
        services.AddProblemDetails();

        // AddAuthentication would also register data protection, whose hosted service loads or creates an XML key
        // ring at start-up (System.Private.Xml, a key file under ~/.aspnet): resident memory for nothing, since this
        // service authenticates every request by certificate or signature and issues no cookies or tokens.
        services.AddAuthenticationCore(options => options.DefaultScheme = FabricAuthenticationHandler.SchemeName);
        services.AddWebEncoders();
        new AuthenticationBuilder(services)
            .AddScheme<AuthenticationSchemeOptions, FabricAuthenticationHandler>(FabricAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(FabricAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build());
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");

        // Client certificates are asked for but never required by TLS itself: the authentication handler checks them
        // against the organisations' CAs and answers with a reason, and signed requests need none.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        }));

        return builder;
    }

    // The S3 store and OpenTelemetry live in methods of their own that the JIT compiles only when they are called:
    // referenced from the code above, their assemblies (AWSSDK.Core and AWSSDK.S3, the OpenTelemetry SDK, its
    // ASP.NET Core instrumentation and OTLP exporter) would be loaded and mapped into every process, also one that
    // stores on the file system and exports nothing.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static S3ObjectStore CreateS3Store(StorageServiceOptions options, IServiceProvider services) =>
        new(S3ObjectStore.CreateClient(options.S3), options.S3, services.GetService<ILogger<S3ObjectStore>>());

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOpenTelemetryExport(IServiceCollection services) => services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("fabric-evidence-storage"))
        .WithTracing(tracing => tracing.AddSource(StorageTelemetry.Name).AddAspNetCoreInstrumentation())
        .WithMetrics(metrics => metrics.AddMeter(StorageTelemetry.Name).AddAspNetCoreInstrumentation())
        .UseOtlpExporter();

    /// <summary>Builds the application, with OpenTelemetry export when an OTLP endpoint is configured, and maps the endpoints (see the README for the protocol).</summary>
    /// <param name="builder">A builder from <see cref="CreateBuilder"/>.</param>
    /// <exception cref="InvalidOperationException">No <see cref="IEvidenceLedger"/> is registered and the section <c>StorageService:Fabric</c> is not configured.</exception>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Decided here rather than in CreateBuilder, so that configuration the host adds in between counts.
        var fabric = builder.Configuration.GetSection(FabricLedgerRegistration.Section);
        if (!builder.Services.Any(s => s.ServiceType == typeof(IEvidenceLedger)) && fabric.Exists())
        {
            builder.Services.AddFabricLedger(fabric);
        }

        if (!builder.Services.Any(s => s.ServiceType == typeof(IEvidenceLedger)))
        {
            throw new InvalidOperationException(
                $"The storage service has no ledger: configure the section {FabricLedgerRegistration.Section} (Endpoint, TlsRootCertificatePath, MspId, " +
                "MspDirectory of the storage identity, ChannelName, ChaincodeName; see the README), or register an IEvidenceLedger before Build.");
        }

        // Without an exporter the OpenTelemetry SDK would record every request's activity and aggregate metrics that
        // nobody reads, and keep its assemblies (and the immutable collections, regular expressions and process APIs
        // they use) resident: it is added only when OTLP export is configured (decided here, like the ledger, so that
        // configuration the host adds counts). The service's ActivitySource and Meter exist either way, for
        // dotnet-trace, dotnet-counters or a host that adds its own OpenTelemetry pipeline.
        if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            AddOpenTelemetryExport(builder.Services);
        }

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();

        // Plain RequestDelegates: a lambda with parameters to bind would go through RequestDelegateFactory, which
        // builds and compiles expression trees at start-up (System.Linq.Expressions, Reflection.Emit, JIT-compiled
        // dynamic methods), all resident for the life of the process.
        var handlers = app.Services.GetRequiredService<StorageHandlers>();
        var items = app.MapGroup("/items/{evidenceId}");
        items.MapMethods("/upload", ["HEAD"], Endpoint(handlers.HeadUploadAsync));
        items.MapPatch("/upload", Endpoint(handlers.PatchUploadAsync));
        items.MapDelete("/upload", Endpoint(handlers.DeleteUploadAsync));
        items.MapGet("/content", Endpoint(handlers.GetContentAsync));

        // Probes carry no evidence and must work for orchestrators without Fabric identities.
        app.MapHealthChecks("/healthz").AllowAnonymous();
        return app;
    }

    private static RequestDelegate Endpoint(Func<HttpContext, string, Task<IResult>> handler) => async context =>
    {
        var result = await handler(context, (string)context.Request.RouteValues["evidenceId"]!).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    };
}
