using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands;

/// <summary><c>evidence accept ID</c>: accepts the transfer offered to the caller's organisation.</summary>
internal sealed class AcceptCommand(Output output, CliEnvironment environment) : LedgerCommand<ItemSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, ItemSettings settings, CancellationToken cancellationToken)
    {
        var record = await ledger.Evidence.AcceptTransferAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"{record.Holder} now holds {settings.Id} (transaction {record.LastChange.By.TxId}).", record);
    }
}
