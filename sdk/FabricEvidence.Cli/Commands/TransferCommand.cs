using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary><c>evidence transfer ID --to MSP --purpose TEXT</c>: offers custody to another organisation.</summary>
internal sealed class TransferCommand(Output output, CliEnvironment environment) : LedgerCommand<TransferCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var record = await ledger.Evidence.OfferTransferAsync(settings.Id, settings.To!, settings.Purpose!, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"Custody of {settings.Id} offered to {settings.To} (transaction {record.LastChange.By.TxId}); {settings.To} accepts with: evidence accept {settings.Id}", record);
    }

    internal sealed class Settings : ItemSettings
    {
        [CommandOption("--to <MSPID>")]
        [Description("The receiving organisation's MSP id (Org2MSP).")]
        public string? To { get; init; }

        [CommandOption("--purpose <TEXT>")]
        [Description("Why custody moves (public: no personal data).")]
        public string? Purpose { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(To) ? ValidationResult.Error("--to is required: the receiving organisation's MSP id, e.g. --to Org2MSP.")
            : string.IsNullOrWhiteSpace(Purpose) ? ValidationResult.Error("--purpose is required: why custody moves, e.g. --purpose \"Forensic analysis\".")
            : base.Validate();
    }
}
