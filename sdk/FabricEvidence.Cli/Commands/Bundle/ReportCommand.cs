using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Verification;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Bundle;

/// <summary>
/// <c>evidence report BUNDLE.zip --format html|pdf|json -o FILE</c>: verifies the bundle offline (as
/// <c>bundle verify</c>) and writes the report of that verification. Exit code 0 once the report is written, whatever
/// its verdict: the verdict is in the report and printed; <c>bundle verify</c> is the command whose code is the verdict.
/// </summary>
internal sealed class ReportCommand(Output output) : AsyncCommand<ReportCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var result = await BundleVerification.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        var report = VerificationReport.Create(result, new VerificationReportOptions
        {
            Culture = settings.Language,
            TimeZone = settings.TimeZone,
            IncludeIdentities = !settings.NoIdentities,
        });

        // Written beside the target and moved into place, so that a failed PDF (no font) leaves no half-written report.
        var target = Path.GetFullPath(settings.Output);
        var temporary = target + ".partial";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await report.WriteAsync(stream, settings.ParsedFormat, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        BundleVerification.Print(output, result);
        output.Success($"Wrote the {settings.ParsedFormat.ToString().ToUpperInvariant()} report ({settings.Language}, {settings.TimeZone}) to {settings.Output}.");
        return ExitCodes.Ok;
    }

    internal sealed class Settings : BundleFileSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("html, pdf or json.")]
        public string? Format { get; init; }

        [CommandOption("--lang <LANG>")]
        [Description("The report's language: en or zh-CN. Default: en.")]
        public string Language { get; init; } = "en";

        [CommandOption("--time-zone <ZONE>")]
        [Description("An IANA time zone in which every date is also given (UTC always is). Default: Asia/Shanghai.")]
        public string TimeZone { get; init; } = "Asia/Shanghai";

        [CommandOption("--no-identities")]
        [Description("Replace certificate subjects (people's names) with a note.")]
        public bool NoIdentities { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("The report file to write.")]
        public string Output { get; init; } = string.Empty;

        public ReportFormat ParsedFormat => Format?.ToLowerInvariant() switch
        {
            "html" => ReportFormat.Html,
            "pdf" => ReportFormat.Pdf,
            _ => ReportFormat.Json,
        };

        public override ValidationResult Validate()
        {
            if (Format is null)
            {
                return ValidationResult.Error("--format is required: html, pdf or json.");
            }

            if (Format.ToLowerInvariant() is not ("html" or "pdf" or "json"))
            {
                return ValidationResult.Error($"--format '{Format}' is not supported: use html, pdf or json.");
            }

            if (Language is not ("en" or "zh-CN"))
            {
                return ValidationResult.Error($"--lang '{Language}' is not supported: use en or zh-CN.");
            }

            if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
            {
                return ValidationResult.Error($"--time-zone '{TimeZone}' is not a time zone this machine knows: use an IANA id such as Asia/Shanghai or UTC.");
            }

            if (string.IsNullOrWhiteSpace(Output))
            {
                return ValidationResult.Error("-o FILE is required: where to write the report.");
            }

            return base.Validate();
        }
    }
}
