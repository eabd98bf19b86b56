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

/// <summary>
/// Signs court staff and verifiers in with an access code whose SHA-256 hash is configured (the role follows from
/// which list holds it); signs them out.
/// </summary>
internal sealed class SignInModel(IOptions<PortalOptions> options, IOptions<IdentityPageOptions> identity, IStringLocalizer<PortalStrings> text) : PageModel
{
    [BindProperty]
    public string? AccessCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(AccessCode ?? string.Empty));
        var court = Matches(options.Value.CourtAccessCodeHashes, hash);
        var verifier = identity.Value.Enabled && Matches(identity.Value.VerifierAccessCodeHashes, hash);
        if (string.IsNullOrEmpty(AccessCode) || !(court || verifier))
        {
            Error = text["AccessCodeWrong"];
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        List<Claim> claims = [new Claim(ClaimTypes.Name, court ? PortalRoles.Court : PortalRoles.Verifier)];
        claims.AddRange(new[] { (court, PortalRoles.Court), (verifier, PortalRoles.Verifier) }.Where(r => r.Item1).Select(r => new Claim(ClaimTypes.Role, r.Item2)));
        var user = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(user));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : verifier && !court ? "/Identity" : "/");
    }

    private static bool Matches(IEnumerable<string> hashes, byte[] hash) =>
        hashes.Any(h => CryptographicOperations.FixedTimeEquals(Convert.FromHexString(h), hash));

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return LocalRedirect("/");
    }
}
