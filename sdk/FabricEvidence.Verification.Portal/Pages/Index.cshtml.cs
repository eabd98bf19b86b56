using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal.Pages;

/// <summary>The verification page: the form, then the record, the custody timeline, the verdict and the downloads.</summary>
internal sealed class IndexModel : PageModel
{
    private readonly VerificationService _service;
    private readonly IStringLocalizer<PortalStrings> _text;
    private readonly PortalOptions _options;

    public IndexModel(VerificationService service, IStringLocalizer<PortalStrings> text, IOptions<PortalOptions> options)
    {
        _service = service;
        _text = text;
        _options = options.Value;
    }

    /// <summary>The item id typed.</summary>
    [BindProperty]
    public string? ItemId { get; set; }

    /// <summary>The file uploaded, if any.</summary>
    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>What is wrong with the id typed, or null.</summary>
    public string? ItemIdError { get; private set; }

    /// <summary>A message for the whole page (unknown item, ledger unavailable), or null.</summary>
    public string? Message { get; private set; }

    /// <summary>Which message: <c>not-found</c>, <c>ledger-unavailable</c>, <c>invalid</c>.</summary>
    public string? MessageKind { get; private set; }

    internal VerificationOutcome? Outcome { get; private set; }

    internal VerificationReport? Report { get; private set; }

    /// <summary>Verifies the item (and the file).</summary>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var id = ItemId?.Trim() ?? string.Empty;
        if (id.Length == 0 || id.Length > 256 || id.Any(char.IsControl))
        {
            ItemIdError = id.Length == 0 ? _text["ItemIdRequired"] : _text["ItemIdInvalid"];
            Message = _text["ErrorSummary"] + " " + ItemIdError;
            MessageKind = "invalid";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        ItemId = id;
        await using var file = Upload is { Length: > 0 } ? Upload.OpenReadStream() : null;
        var outcome = await _service.VerifyAsync(id, file, cancellationToken);
        switch (outcome.Status)
        {
            case VerificationStatus.NotFound:
                Message = _text["NotFound", id];
                MessageKind = "not-found";
                Response.StatusCode = StatusCodes.Status404NotFound;
                return Page();
            case VerificationStatus.LedgerUnavailable:
                Message = _text["LedgerUnavailable"];
                MessageKind = "ledger-unavailable";
                Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Page();
        }

        Outcome = outcome;
        Report = VerificationReport.Create(outcome.Verification!.Result, new VerificationReportOptions
        {
            Culture = CultureInfo.CurrentUICulture.Name,
            TimeZone = _options.TimeZone,
            IncludeIdentities = PortalRoles.IsCourt(User),
        });
        return Page();
    }
}
