using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands;

/// <summary><c>evidence release ID --hold-id ID --reason TEXT</c>: lifts a legal hold.</summary>
internal sealed class ReleaseCommand(Output output, CliEnvironment environment) : LedgerCommand<HoldSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, HoldSettings settings, CancellationToken cancellationToken)
    {
        var record = await ledger.Evidence.LiftHoldAsync(settings.Id, settings.HoldId!, settings.Reason!, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"Legal hold {settings.HoldId} lifted from {settings.Id} (transaction {record.LastChange.By.TxId}).", record);
    }
}
