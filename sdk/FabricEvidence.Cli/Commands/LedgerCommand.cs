using FabricEvidence.Cli.Internal;
using FabricEvidence.Evidence;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>A command that connects to the ledger as the identity its options name, runs, and disconnects.</summary>
internal abstract class LedgerCommand<TSettings>(Output output, CliEnvironment environment) : AsyncCommand<TSettings>
    where TSettings : ConnectionSettings
{
    protected Output Output => output;

    protected CliEnvironment Environment => environment;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        await using var ledger = LedgerConnection.Open(settings, environment);
        return await RunAsync(ledger, settings, cancellationToken).ConfigureAwait(false);
    }

    protected abstract Task<int> RunAsync(LedgerConnection ledger, TSettings settings, CancellationToken cancellationToken);

    /// <summary>Prints the record a custody step returned: as JSON, or a confirmation line and the table.</summary>
    protected int Done(TSettings settings, string summary, EvidenceRecord record)
    {
        if (settings.Json)
        {
            output.Json(record);
        }
        else
        {
            output.Success(summary);
            output.Record(record);
        }

        return ExitCodes.Ok;
    }
}
