using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Evidence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>
/// <c>evidence verify ID FILE</c>: recomputes the file's digest with the item's algorithm and compares it with the
/// ledger's. Exit code 0 when it matches, 5 when it does not; what else a court must know (not confirmed by storage,
/// invalidated, an integrity check found the stored copy altered) is printed with the verdict.
/// </summary>
internal sealed class VerifyCommand(Output output, CliEnvironment environment) : LedgerCommand<VerifyCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.File))
        {
            throw new CliException(ExitCodes.NotFound, $"The file '{settings.File}' does not exist; check the path.");
        }

        await using var file = new FileStream(settings.File, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var verification = await Transfers.RunAsync(Output.Console, !settings.Json, [("Hashing", file.Length)],
            progress => ledger.Evidence.VerifyContentAsync(settings.Id, file, progress[0], cancellationToken)).ConfigureAwait(false);
        var caveats = Caveats(verification);
        if (settings.Json)
        {
            Output.Json(new { verdict = verification.Matches ? "match" : "mismatch", verification, caveats });
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumn("[bold]Field[/]").AddColumn("[bold]Value[/]");
            table.AddRow("Evidence id", Markup.Escape(verification.EvidenceId));
            table.AddRow("File", Markup.Escape(settings.File));
            table.AddRow("Algorithm", verification.DigestAlgorithm);
            table.AddRow("File digest", verification.PresentedDigest);
            table.AddRow("Ledger digest", verification.RecordedDigest);
            table.AddRow(new Text("State"), Output.State(verification.State));
            Output.Console.Write(table);
            if (verification.Matches)
            {
                Output.Console.MarkupLine($"[bold green]✔ MATCH[/]: the file is the content recorded on the ledger for {Markup.Escape(verification.EvidenceId)}.");
            }
            else
            {
                Output.Console.MarkupLine($"[bold red]✘ MISMATCH[/]: the file is NOT the content recorded for {Markup.Escape(verification.EvidenceId)}; it was changed or is another file.");
            }

            foreach (var caveat in caveats)
            {
                Output.Console.MarkupLine($"[yellow]![/] {Markup.Escape(caveat)}");
            }
        }

        return verification.Matches ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }

    private static List<string> Caveats(DigestVerification verification)
    {
        var caveats = new List<string>();
        if (!verification.StorageConfirmed)
        {
            caveats.Add("The storage service has not confirmed this item: the ledger has only the submitter's word for it.");
        }

        if (verification.Invalidated)
        {
            caveats.Add("The item was invalidated on the ledger.");
        }

        if (verification.IntegrityFlagged)
        {
            caveats.Add("An integrity check found the stored copy altered.");
        }

        return caveats;
    }

    internal sealed class Settings : ItemSettings
    {
        [CommandArgument(1, "<FILE>")]
        [Description("The file to check.")]
        public string File { get; init; } = string.Empty;
    }
}
