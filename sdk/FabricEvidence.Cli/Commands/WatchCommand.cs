using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Evidence;
using FabricEvidence.Gateway;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>
/// <c>evidence watch</c>: custody events as they commit, one line each (or one JSON object per line). With
/// <c>--checkpoint FILE</c> every printed event is checkpointed, and the next run resumes right after it.
/// </summary>
internal sealed class WatchCommand(Output output, CliEnvironment environment) : LedgerCommand<WatchCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        FileCheckpointer? checkpointer = settings.Checkpoint is { } path ? await Checkpointers.FileAsync(path, cancellationToken).ConfigureAwait(false) : null;
        var options = new EvidenceEventsOptions
        {
            StartBlock = settings.FromBlock,
            Checkpoint = checkpointer is { BlockNumber: not null } ? checkpointer : null,
            EvidenceId = settings.Id,
            Types = settings.Types is { Length: > 0 } types ? types : null,
        };
        if (!settings.Json)
        {
            Output.Note(checkpointer?.BlockNumber is { } block
                ? $"Resuming after block {block} (checkpoint {settings.Checkpoint}); Ctrl+C stops."
                : "Watching custody events; Ctrl+C stops.");
        }

        var seen = 0;
        try
        {
            await foreach (var e in ledger.Evidence.GetEventsAsync(options, cancellationToken).ConfigureAwait(false))
            {
                if (settings.Json)
                {
                    Output.Json(e, singleLine: true);
                }
                else
                {
                    Output.Console.WriteLine(Output.EventLine(e));
                }

                if (checkpointer is not null)
                {
                    await checkpointer.CheckpointTransactionAsync(e.BlockNumber, e.By.TxId, CancellationToken.None).ConfigureAwait(false);
                }

                if (++seen == settings.Count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how a watch ends.
        }

        return ExitCodes.Ok;
    }

    internal sealed class Settings : ConnectionSettings
    {
        [CommandOption("--id <ID>")]
        [Description("Only events of this item.")]
        public string? Id { get; init; }

        [CommandOption("--type <TYPE>")]
        [Description("Only events of this type (repeatable): EvidenceSubmitted, StorageConfirmed, TransferOffered, TransferAccepted, AccessRecorded, ...")]
        public string[]? Types { get; init; }

        [CommandOption("--from-block <N>")]
        [Description("Start at this block. Default: the next block (or after the checkpoint).")]
        public ulong? FromBlock { get; init; }

        [CommandOption("--checkpoint <FILE>")]
        [Description("Remember the last printed event in this file and resume after it next time.")]
        public string? Checkpoint { get; init; }

        [CommandOption("--count <N>")]
        [Description("Stop after N events. Default: run until Ctrl+C.")]
        public int? Count { get; init; }

        public override ValidationResult Validate()
        {
            if (Count is < 1)
            {
                return ValidationResult.Error("--count must be at least 1.");
            }

            if (Types?.FirstOrDefault(t => typeof(EvidenceEventTypes).GetField(t) is null) is { } unknown)
            {
                return ValidationResult.Error($"--type '{unknown}' is not an evidence event type; see 'evidence watch --help'.");
            }

            return Id is null ? ValidationResult.Success() : Ids.Check(Id, "--id");
        }
    }
}
