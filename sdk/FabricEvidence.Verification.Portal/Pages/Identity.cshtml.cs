using System.Text;
using FabricEvidence.Verification.Portal.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal.Pages;

/// <summary>
/// The identity verification page, for verifiers: a fresh nonce and the audience for the holder, then the presentation,
/// consent and purpose; the verification is recorded on the ledger and its result shown. Bad input records nothing.
/// </summary>
[Authorize(Policy = PortalRoles.Verifier)]
internal sealed class IdentityModel(IServiceProvider services, NonceStore nonces, IOptions<IdentityPageOptions> options, IStringLocalizer<PortalStrings> text) : PageModel
{
    /// <summary>The nonce the form was issued with (sent back with it).</summary>
    [BindProperty]
    public string? Nonce { get; set; }

    /// <summary>The presentation, pasted.</summary>
    [BindProperty]
    public string? PresentationText { get; set; }

    /// <summary>The presentation, uploaded as a text file.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The holder's consent id.</summary>
    [BindProperty]
    public string? ConsentId { get; set; }

    /// <summary>The purpose code.</summary>
    [BindProperty]
    public string? Purpose { get; set; }

    public string Audience { get; private set; } = string.Empty;

    /// <summary>When the nonce just issued expires; null when the form came back with the nonce it had.</summary>
    public DateTimeOffset? NonceExpires { get; private set; }

    /// <summary>Errors by field: <c>presentation</c>, <c>consent</c>, <c>purpose</c>.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? Message { get; private set; }

    /// <summary>Which message: <c>invalid</c>, <c>nonce-expired</c>, <c>nonce-used</c>.</summary>
    public string? MessageKind { get; private set; }

    internal IdentityCheck? Check { get; private set; }

    // Resolved only once the page is known to be enabled: the service needs the verifier's gateway, which a portal
    // without the page does not configure.
    private IdentityVerificationService Service => services.GetRequiredService<IdentityVerificationService>();

    public IActionResult OnGet()
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        NewNonce();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return NotFound();
        }

        Audience = Service.Audience;
        var presentation = await ReadPresentationAsync(cancellationToken);
        var consentId = Field(ConsentId, "consent", "ConsentRequired", IsId, "ConsentInvalid");
        var purpose = Field(Purpose, "purpose", "PurposeRequired", IsCode, "PurposeInvalid");

        var nonceState = Nonce is { Length: > 0 } ? nonces.Check(Nonce) : NonceState.Unknown;
        if (nonceState != NonceState.Usable)
        {
            // The holder signed the old nonce: whatever else is right, the presentation must be made again.
            Message = text[nonceState == NonceState.Expired ? "IdReason.nonce-expired" : "IdReason.nonce-used"] + " " + text["NonceRenewed"];
            MessageKind = nonceState == NonceState.Expired ? IdentityReasons.NonceExpired : IdentityReasons.NonceUsed;
            NewNonce();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Errors.Count > 0)
        {
            Message = text["ErrorSummary"] + " " + string.Join(" ", Errors.Values);
            MessageKind = "invalid";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Check = await Service.VerifyAsync(presentation!, Nonce!, consentId!, purpose!, cancellationToken);
        switch (Check.Kind)
        {
            case IdentityCheckKind.BadNonce:
                // Used by a concurrent submission of the same form between the check above and now.
                Message = text["IdReason." + Check.Reason] + " " + text["NonceRenewed"];
                MessageKind = Check.Reason;
                Check = null;
                NewNonce();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case IdentityCheckKind.LedgerUnavailable:
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                break;
        }

        return Page();
    }

    private void NewNonce()
    {
        Audience = Service.Audience;
        (var nonce, NonceExpires) = nonces.Issue();
        Nonce = nonce;
        ModelState.Remove(nameof(Nonce));
    }

    private async Task<string?> ReadPresentationAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxPresentationBytes;
        string raw;
        if (Upload is { Length: > 0 } upload)
        {
            if (upload.Length > limit)
            {
                Errors["presentation"] = text["PresentationTooLarge", limit];
                return null;
            }

            using var reader = new StreamReader(upload.OpenReadStream(), Encoding.UTF8);
            raw = await reader.ReadToEndAsync(cancellationToken);
        }
        else
        {
            raw = PresentationText ?? string.Empty;
            if (Encoding.UTF8.GetByteCount(raw) > limit)
            {
                Errors["presentation"] = text["PresentationTooLarge", limit];
                return null;
            }
        }

        // Pasted from a mail or a terminal, a presentation may be wrapped; SD-JWTs hold no white space of their own.
        var compact = string.Concat(raw.Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length == 0)
        {
            Errors["presentation"] = text["PresentationRequired"];
            return null;
        }

        if (!LooksLikePresentation(compact))
        {
            Errors["presentation"] = text["PresentationMalformed"];
            return null;
        }

        return compact;
    }

    /// <summary>
    /// The compact SD-JWT+KB shape (RFC 9901): an issuer-signed JWS, disclosures, and a key binding JWS after the last
    /// <c>~</c>, all base64url. The cryptographic checks are <c>VerifierClient</c>'s; this only keeps text that cannot be
    /// a presentation from reaching it.
    /// </summary>
    private static bool LooksLikePresentation(string value)
    {
        if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~'))
        {
            return false;
        }

        var parts = value.Split('~');
        return parts.Length >= 2 && IsJws(parts[0]) && IsJws(parts[^1]) && parts[1..^1].All(d => d.Length > 0 && !d.Contains('.', StringComparison.Ordinal));

        static bool IsJws(string part) => part.Split('.') is [{ Length: > 0 }, { Length: > 0 }, { Length: > 0 }];
    }

    private string? Field(string? value, string field, string required, Func<string, bool> valid, string invalid)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            Errors[field] = text[required];
            return null;
        }

        if (!valid(trimmed))
        {
            Errors[field] = text[invalid];
            return null;
        }

        return trimmed;
    }

    // The contract's rules for an id and a code, checked here so that a typo gets a message at its field.
    private static bool IsId(string value) =>
        value.Length <= 64 && char.IsAsciiLetterOrDigit(value[0]) && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool IsCode(string value) =>
        value.Length <= 64 && char.IsAsciiLetterLower(value[0]) && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
