using Microsoft.Extensions.Options;

namespace FabricEvidence.Verification.Portal;

/// <summary>Checks <see cref="PortalOptions"/> at start-up so that a wrong setting stops the portal with a message saying which.</summary>
internal sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ChannelName))
        {
            failures.Add("Portal:ChannelName must name the channel.");
        }

        if (string.IsNullOrWhiteSpace(options.ChaincodeName))
        {
            failures.Add("Portal:ChaincodeName must name the evidence chaincode.");
        }

        if (options.Ledger == LedgerKind.Fixtures
            && (string.IsNullOrWhiteSpace(options.FixtureDirectory) || !Directory.Exists(Path.Combine(options.FixtureDirectory, "blocks")) || !File.Exists(Path.Combine(options.FixtureDirectory, "item.json"))))
        {
            failures.Add($"Portal:FixtureDirectory must be a folder with blocks/ and item.json when Portal:Ledger is Fixtures; got '{options.FixtureDirectory}'.");
        }

        if (!Enum.IsDefined(options.Ledger))
        {
            failures.Add("Portal:Ledger must be Fabric or Fixtures.");
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            failures.Add($"Portal:TimeZone '{options.TimeZone}' is not a time zone this machine knows (use an IANA id such as Asia/Shanghai).");
        }

        if (options.MaxUploadBytes <= 0)
        {
            failures.Add("Portal:MaxUploadBytes must be positive.");
        }

        if (options.ResultLifetime <= TimeSpan.Zero)
        {
            failures.Add("Portal:ResultLifetime must be positive.");
        }

        if (options.CourtAccessCodeHashes.Any(hash => !IsSha256Hex(hash)))
        {
            failures.Add("Portal:CourtAccessCodeHashes must hold SHA-256 hashes (64 hexadecimal digits), not access codes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Whether a configured access code hash is a SHA-256 hash in hexadecimal (and not, by mistake, the code).</summary>
    internal static bool IsSha256Hex(string hash) => hash.Length == 64 && hash.All(Uri.IsHexDigit);
}
