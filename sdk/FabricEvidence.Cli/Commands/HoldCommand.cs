using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands;

/// <summary><c>evidence hold ID --hold-id ID --reason TEXT</c>: places a legal hold.</summary>
internal sealed class HoldCommand(Output output, CliEnvironment environment) : LedgerCommand<HoldSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, HoldSettings settings, CancellationToken cancellationToken)
    {
        var record = await ledger.Evidence.PlaceHoldAsync(settings.Id, settings.HoldId!, settings.Reason!, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"Legal hold {settings.HoldId} placed on {settings.Id} (transaction {record.LastChange.By.TxId}).", record);
    }
}
