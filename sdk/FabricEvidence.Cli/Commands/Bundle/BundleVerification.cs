using FabricEvidence.Cli.Internal;
using FabricEvidence.Verification;
using Spectre.Console;

namespace FabricEvidence.Cli.Commands.Bundle;

/// <summary>Opens a bundle and the court's files, verifies offline, and prints the failed checks and the verdict.</summary>
internal static class BundleVerification
{
    public static async Task<BundleVerificationResult> RunAsync(BundleFileSettings settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(settings.Bundle))
        {
            throw new CliException(ExitCodes.NotFound, $"The bundle '{settings.Bundle}' does not exist; check the path (evidence bundle export writes one).");
        }

        var files = new List<FileStream>();
        try
        {
            var evidenceFiles = new List<EvidenceFile>();
            foreach (var (id, path) in settings.ParsedFiles())
            {
                if (!File.Exists(path))
                {
                    throw new CliException(ExitCodes.NotFound, $"The file '{path}' given for {id} does not exist; check --file {id}=PATH.");
                }

                var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                files.Add(stream);
                evidenceFiles.Add(new EvidenceFile(id, stream));
            }

            await using var zip = new FileStream(settings.Bundle, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
            return await new BundleVerifier().VerifyAsync(zip, evidenceFiles, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var file in files)
            {
                await file.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>0 only for a bundle verified with every item's file; a court's script must not mistake "not checked" for "verified".</summary>
    public static int ExitCode(BundleVerificationResult result) => result.Verdict == VerificationVerdict.Verified ? ExitCodes.Ok : ExitCodes.VerificationFailed;

    public static void Print(Output output, BundleVerificationResult result)
    {
        var console = output.Console;
        var failures = result.Failures.ToList();
        foreach (var failure in failures)
        {
            var block = failure.BlockNumber is { } number ? $", block {number}" : string.Empty;
            console.MarkupLine($"[red]✘[/] {Markup.Escape(failure.Name)} [[{Markup.Escape(failure.Subject + block)}]]: {Markup.Escape(failure.Message)}");
        }

        var passed = result.Checks.Count(c => c.Outcome == CheckOutcome.Passed);
        console.MarkupLine($"[grey]{result.Checks.Count} checks: {passed} passed, {failures.Count} failed; {result.Items.Count} item(s), {result.Transactions.Count} transaction(s), blocks {result.FirstBlock} to {result.LastBlock} of channel {Markup.Escape(result.Channel)}.[/]");
        switch (result.Verdict)
        {
            case VerificationVerdict.Verified:
                console.MarkupLine("[bold green]✔ VERIFIED[/]: every check passed and every item's file matches the digest recorded on the ledger.");
                break;
            case VerificationVerdict.Incomplete:
                console.MarkupLine("[bold yellow]! INCOMPLETE[/]: no check failed, but an item's file was not checked; pass it with --file ID=PATH.");
                break;
            default:
                console.MarkupLine($"[bold red]✘ NOT VERIFIED[/]: {failures.Count} check(s) failed (listed above).");
                break;
        }
    }
}
