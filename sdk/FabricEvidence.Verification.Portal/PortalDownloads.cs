using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal;

/// <summary>The download endpoints: the report of a verification in each format, and (court role only) its bundle.</summary>
internal static class PortalDownloads
{
    public static void MapPortalDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/report/{token}/{format}", ReportAsync);
        endpoints.MapGet("/bundle/{token}", BundleAsync).RequireAuthorization(PortalRoles.Court);
        endpoints.MapGet("/Language", Language);
    }

    private static async Task<IResult> ReportAsync(string token, string format, HttpContext context, VerificationService service, IOptions<PortalOptions> options, IStringLocalizer<PortalStrings> text)
    {
        if (!Enum.TryParse<ReportFormat>(format, ignoreCase: true, out var reportFormat) || !Enum.IsDefined(reportFormat) || int.TryParse(format, out _))
        {
            return Results.Text($"Unknown report format '{format}': use html, pdf or json.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        if (service.Find(token) is not { } stored)
        {
            return Results.Text(text["ResultGone"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var report = VerificationReport.Create(stored.Result, new VerificationReportOptions
        {
            Culture = CultureInfo.CurrentUICulture.Name,
            TimeZone = options.Value.TimeZone,
            IncludeIdentities = PortalRoles.IsCourt(context.User),
        });
        var buffer = new MemoryStream();
        try
        {
            await report.WriteAsync(buffer, reportFormat, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ReportFontNotFoundException e)
        {
            return Results.Text(text["PdfUnavailable", e.Message], "text/plain; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        buffer.Position = 0;
        var name = FileName(stored.ItemId) + "-verification-report" + VerificationReport.FileExtension(reportFormat);
        return Results.File(buffer, VerificationReport.ContentType(reportFormat), name);
    }

    private static async Task<IResult> BundleAsync(string token, HttpContext context, VerificationService service, IStringLocalizer<PortalStrings> text)
    {
        if (service.Find(token) is not { } stored)
        {
            return Results.Text(text["ResultGone"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var buffer = new MemoryStream();
        await stored.Bundle.WriteAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        buffer.Position = 0;
        return Results.File(buffer, "application/zip", FileName(stored.ItemId) + ".bundle.zip");
    }

    private static IResult Language(string? culture, string? returnUrl, HttpContext context)
    {
        var chosen = culture is "en" or "zh-CN" ? culture : "zh-CN";
        context.Response.Cookies.Append(
            Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
            Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new Microsoft.AspNetCore.Localization.RequestCulture(chosen)),
            new CookieOptions { IsEssential = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), HttpOnly = true });

        // Only back into the portal: an absolute or protocol-relative return URL would make this an open redirect.
        var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
        return Results.LocalRedirect(target);
    }

    private static string FileName(string itemId) =>
        new(itemId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
