using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary><c>evidence dispose ID --reason TEXT [--approve]</c>: requests a disposal, or approves the requested one.</summary>
internal sealed class DisposeCommand(Output output, CliEnvironment environment) : LedgerCommand<DisposeCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Approve)
        {
            var disposed = await ledger.Evidence.ApproveDisposalAsync(settings.Id, settings.Reason!, cancellationToken).ConfigureAwait(false);
            return Done(settings, $"{settings.Id} disposed of (transaction {disposed.LastChange.By.TxId}); its record stays as a tombstone.", disposed);
        }

        var record = await ledger.Evidence.RequestDisposalAsync(settings.Id, settings.Reason!, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"Disposal of {settings.Id} requested (transaction {record.LastChange.By.TxId}); a judge approves it with: evidence dispose {settings.Id} --approve --reason ...", record);
    }

    internal sealed class Settings : ReasonSettings
    {
        [CommandOption("--approve")]
        [Description("Approve the requested disposal (a judge) instead of requesting one.")]
        public bool Approve { get; init; }
    }
}
