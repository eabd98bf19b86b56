using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands;

/// <summary><c>evidence history ID</c>: the custody timeline, one row per committed transaction, oldest first.</summary>
internal sealed class HistoryCommand(Output output, CliEnvironment environment) : LedgerCommand<ItemSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, ItemSettings settings, CancellationToken cancellationToken)
    {
        var history = await ledger.Evidence.GetHistoryAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        if (history.Count == 0)
        {
            throw new CliException(ExitCodes.NotFound, $"The ledger has no history of '{settings.Id}'; check the id.");
        }

        if (settings.Json)
        {
            Output.Json(history);
        }
        else
        {
            Output.Console.Write(Output.HistoryTable(history));
        }

        return ExitCodes.Ok;
    }
}
