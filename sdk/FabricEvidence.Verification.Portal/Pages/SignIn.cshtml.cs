using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal.Pages;

/// <summary>Signs court staff in with an access code whose SHA-256 hash is configured; signs them out.</summary>
internal sealed class SignInModel(IOptions<PortalOptions> options, IStringLocalizer<PortalStrings> text) : PageModel
{
    [BindProperty]
    public string? AccessCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(AccessCode ?? string.Empty));
        var known = options.Value.CourtAccessCodeHashes.Any(h => CryptographicOperations.FixedTimeEquals(Convert.FromHexString(h), hash));
        if (string.IsNullOrEmpty(AccessCode) || !known)
        {
            Error = text["AccessCodeWrong"];
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "court"), new Claim(ClaimTypes.Role, PortalRoles.Court)], CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
