using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Verification;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Bundle;

/// <summary>
/// <c>evidence bundle export ID [-o FILE.zip]</c> (or <c>--case CASE</c>): fetches through the Gateway the blocks that
/// hold the item's transactions (with the configuration and chaincode definition in force) and writes the offline
/// bundle a court verifies with <c>evidence bundle verify</c>.
/// </summary>
internal sealed class BundleExportCommand(Output output, CliEnvironment environment) : LedgerCommand<BundleExportCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var exporter = new EvidenceBundleExporter(new GatewayBlockSource(ledger.Network), new EvidenceClientItemSource(ledger.Evidence), settings.Chaincode ?? "evidence");
        var bundle = settings.Case is { } caseReference
            ? await exporter.ExportCaseAsync(caseReference, cancellationToken).ConfigureAwait(false)
            : await exporter.ExportItemAsync(settings.Id!, cancellationToken).ConfigureAwait(false);
        var path = settings.Output ?? Settings.DefaultFileName(settings.Id ?? settings.Case!);
        await bundle.WriteToFileAsync(path, cancellationToken).ConfigureAwait(false);

        var manifest = bundle.Manifest;
        var transactions = manifest.Items.Sum(i => i.Transactions.Count);
        if (settings.Json)
        {
            Output.Json(new { file = Path.GetFullPath(path), channel = manifest.Channel, manifest.FirstBlock, manifest.LastBlock, items = manifest.Items.Select(i => i.Id), transactions });
        }
        else
        {
            Output.Success($"Wrote {path}: {manifest.Items.Count} item(s), {transactions} transaction(s), blocks {manifest.FirstBlock} to {manifest.LastBlock} of channel {manifest.Channel}.");
            Output.Note($"Verify it offline with: evidence bundle verify {path} --file {manifest.Items[0].Id}=FILE");
        }

        return ExitCodes.Ok;
    }

    internal sealed class Settings : ConnectionSettings
    {
        [CommandArgument(0, "[ID]")]
        [Description("The evidence id whose bundle to export (or --case).")]
        public string? Id { get; init; }

        [CommandOption("--case <CASE>")]
        [Description("Export every item of this case reference instead of one item.")]
        public string? Case { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("The bundle to write. Default: ID.bundle.zip (or CASE.bundle.zip) in the current folder.")]
        public string? Output { get; init; }

        public override ValidationResult Validate() => (Id, Case) switch
        {
            (null, null) => ValidationResult.Error("Give the evidence ID to export, or --case CASE."),
            (not null, not null) => ValidationResult.Error("Give either an evidence ID or --case CASE, not both."),
            (not null, null) => Ids.Check(Id, "ID"),
            _ when string.IsNullOrWhiteSpace(Case) => ValidationResult.Error("--case must not be empty."),
            _ => ValidationResult.Success(),
        };

        /// <summary>Case references hold '/' (CASE-2026/17); a file name cannot.</summary>
        internal static string DefaultFileName(string name) =>
            string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')) + ".bundle.zip";
    }
}
