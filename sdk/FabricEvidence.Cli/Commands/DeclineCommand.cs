using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands;

/// <summary><c>evidence decline ID --reason TEXT</c>: declines the transfer offered to the caller's organisation.</summary>
internal sealed class DeclineCommand(Output output, CliEnvironment environment) : LedgerCommand<ReasonSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, ReasonSettings settings, CancellationToken cancellationToken)
    {
        var record = await ledger.Evidence.DeclineTransferAsync(settings.Id, settings.Reason!, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"Transfer of {settings.Id} declined; {record.Holder} keeps it (transaction {record.LastChange.By.TxId}).", record);
    }
}
