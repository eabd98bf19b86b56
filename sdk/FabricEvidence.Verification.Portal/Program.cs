using System.Globalization;
using FabricEvidence.Evidence;
using FabricEvidence.Gateway;
using FabricEvidence.Gateway.DependencyInjection;
using FabricEvidence.Identity.Client;
using FabricEvidence.Verification;
using FabricEvidence.Verification.Portal;
using FabricEvidence.Verification.Portal.Identity;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<PortalOptions>().Bind(builder.Configuration.GetSection(PortalOptions.SectionName)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();

// The Gateway is registered in both modes but resolved only for Ledger=Fabric, so that the fixture mode needs no peer.
builder.Services.AddFabricGateway(builder.Configuration.GetSection("FabricGateway"));
builder.Services.AddEvidenceClient();
builder.Services.AddOptions<EvidenceClientOptions>().Configure<IOptions<PortalOptions>>((evidence, portal) =>
{
    evidence.ChannelName = portal.Value.ChannelName;
    evidence.ChaincodeName = portal.Value.ChaincodeName;
});
builder.Services.AddSingleton(sp => LedgerFor(sp));
builder.Services.AddSingleton(sp => new EvidenceBundleExporter(sp.GetRequiredService<Ledger>().Blocks, sp.GetRequiredService<Ledger>().Items, sp.GetRequiredService<IOptions<PortalOptions>>().Value.ChaincodeName));
builder.Services.AddSingleton<BundleVerifier>();
builder.Services.AddMemoryCache(o => o.SizeLimit = 10_000);
builder.Services.AddSingleton<VerificationService>();

// Identity verification: the verifier's own gateway (a verifier certificate of its organisation), resolved only when
// the page is enabled so that a portal without it needs no such identity.
builder.Services.AddOptions<IdentityPageOptions>().Bind(builder.Configuration.GetSection(IdentityPageOptions.SectionName)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<IdentityPageOptions>, IdentityPageOptionsValidator>();
builder.Services.AddFabricGateway(IdentityPageOptions.GatewayName, builder.Configuration.GetSection(IdentityPageOptions.GatewaySection));
builder.Services.AddVerifierClient(_ => { });
builder.Services.AddOptions<VerifierClientOptions>().Configure<IOptions<IdentityPageOptions>>((verifier, page) => ConfigureVerifier(verifier, page.Value));
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<NonceStore>();
builder.Services.AddSingleton<IdentityVerificationService>();

builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    CultureInfo[] cultures = [CultureInfo.GetCultureInfo("zh-CN"), CultureInfo.GetCultureInfo("en")];
    o.DefaultRequestCulture = new RequestCulture("zh-CN");
    o.SupportedCultures = cultures;
    o.SupportedUICultures = cultures;
    o.FallBackToParentUICultures = true;
    o.FallBackToParentCultures = true;

    // Explicit choice (the switch's cookie) before the browser's Accept-Language.
    o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
});
builder.Services.AddRazorPages().AddViewLocalization();
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
{
    o.LoginPath = "/SignIn";
    o.AccessDeniedPath = "/Denied";
    o.Cookie.Name = "fe-portal";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
});
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(PortalRoles.Court, p => p.RequireRole(PortalRoles.Court))
    .AddPolicy(PortalRoles.Verifier, p => p.RequireRole(PortalRoles.Verifier));
builder.Services.AddOptions<FormOptions>().Configure<IOptions<PortalOptions>>((form, portal) => form.MultipartBodyLengthLimit = portal.Value.MaxUploadBytes);
builder.WebHost.ConfigureKestrel((context, kestrel) =>
    kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(PortalOptions.SectionName).GetValue<long?>(nameof(PortalOptions.MaxUploadBytes)) ?? new PortalOptions().MaxUploadBytes);

var app = builder.Build();

// Resolving the ledger now makes a wrong Gateway or fixture setting stop the start with its message, not the first clerk.
_ = app.Services.GetRequiredService<Ledger>();
if (app.Services.GetRequiredService<IOptions<IdentityPageOptions>>().Value.Enabled)
{
    VerifierIdentity.Require(app.Services.GetRequiredService<IFabricGatewayFactory>().GetGateway(IdentityPageOptions.GatewayName).Identity);
    _ = app.Services.GetRequiredService<IdentityVerificationService>();
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}

app.Use(async (context, next) =>
{
    var headers = context.Response.Headers;
    headers.XContentTypeOptions = "nosniff";
    headers.XFrameOptions = "DENY";
    headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    headers["Referrer-Policy"] = "no-referrer";
    await next(context).ConfigureAwait(false);
});
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapPortalDownloads();
app.Run();

static Ledger LedgerFor(IServiceProvider services)
{
    var options = services.GetRequiredService<IOptions<PortalOptions>>().Value;
    if (options.Ledger == LedgerKind.Fixtures)
    {
        var (blocks, items) = FixtureLedger.Load(options.FixtureDirectory!);
        return new Ledger(blocks, items);
    }

    var gateway = services.GetRequiredService<IGateway>();
    return new Ledger(new GatewayBlockSource(gateway.GetNetwork(options.ChannelName)), new EvidenceClientItemSource(services.GetRequiredService<EvidenceClient>()));
}

static void ConfigureVerifier(VerifierClientOptions verifier, IdentityPageOptions page)
{
    verifier.GatewayName = IdentityPageOptions.GatewayName;
    verifier.ChannelName = page.ChannelName;
    verifier.ChaincodeName = page.ChaincodeName;
    verifier.KeyBindingMaxAge = page.NonceLifetime;
    foreach (var (mspId, files) in page.CertificateAuthorities)
    {
        var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        foreach (var file in files)
        {
            try
            {
                certificates.ImportFromPemFile(file);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new InvalidOperationException($"Portal:Identity:CertificateAuthorities:{mspId}: '{file}' is not a PEM certificate ({e.Message.TrimEnd('.')}).", e);
            }
        }

        verifier.CertificateAuthorities[mspId] = certificates;
    }
}

/// <summary>The portal's entry point (public so that tests can host it with <c>WebApplicationFactory</c>).</summary>
public partial class Program;
