using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands;

/// <summary><c>evidence show ID</c>: the item's record as the ledger has it now.</summary>
internal sealed class ShowCommand(Output output, CliEnvironment environment) : LedgerCommand<ItemSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, ItemSettings settings, CancellationToken cancellationToken)
    {
        var record = await ledger.Evidence.GetEvidenceAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            Output.Json(record);
        }
        else
        {
            Output.Record(record);
        }

        return ExitCodes.Ok;
    }
}
