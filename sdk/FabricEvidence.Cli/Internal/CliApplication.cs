using FabricEvidence.Cli.Commands;
using FabricEvidence.Cli.Commands.Bundle;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Internal;

/// <summary>
/// The command tree. Each command lives in its own file under <c>Commands/</c>; a new group (<c>identity ...</c>,
/// <c>bundle ...</c>) is a branch added here with its commands in a folder of their own.
/// </summary>
internal static class CliApplication
{
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, IAnsiConsole errors, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.Settings.Registrar.RegisterInstance(new Output(console, errors));
            config.Settings.Registrar.RegisterInstance(environment);
            config.SetApplicationName("evidence");
            config.ConfigureConsole(console);
            config.Settings.StrictParsing = true;
            config.SetExceptionHandler((exception, _) =>
            {
                var (code, message) = ErrorTranslator.Translate(exception);
                // Straight to the writer: one line however narrow the terminal, and plain for scripts that grep it.
                errors.Profile.Out.Writer.WriteLine("error: " + message);
                errors.Profile.Out.Writer.Flush();
                return code;
            });

            config.AddCommand<SubmitCommand>("submit")
                .WithDescription("Hash a file, submit it on the ledger, upload it to the storage service and wait for its confirmation.")
                .WithExample("submit", "disk.img", "--case", "CASE-2026/17", "--description", "\"Disk image of laptop 4\"");
            config.AddCommand<VerifyCommand>("verify")
                .WithDescription("Recompute a file's digest and compare it with the ledger's record (exit code 5 when it differs).")
                .WithExample("verify", "EV-2026-0001", "disk.img");
            config.AddCommand<ShowCommand>("show").WithDescription("Show an item's record.").WithExample("show", "EV-2026-0001");
            config.AddCommand<HistoryCommand>("history").WithDescription("Show an item's custody timeline, one row per transaction.").WithExample("history", "EV-2026-0001");
            config.AddCommand<TransferCommand>("transfer").WithDescription("Offer custody of an item to another organisation (custodian of the holder).")
                .WithExample("transfer", "EV-2026-0001", "--to", "Org2MSP", "--purpose", "\"Forensic analysis\"", "--user", "custodian");
            config.AddCommand<AcceptCommand>("accept").WithDescription("Accept an offered transfer (custodian of the receiving organisation).")
                .WithExample("accept", "EV-2026-0001", "--org", "2", "--user", "custodian");
            config.AddCommand<DeclineCommand>("decline").WithDescription("Decline an offered transfer (custodian of the receiving organisation).");
            config.AddCommand<HoldCommand>("hold").WithDescription("Place a legal hold (prosecutor or judge).");
            config.AddCommand<ReleaseCommand>("release").WithDescription("Lift a legal hold (prosecutor or judge).");
            config.AddCommand<DisposeCommand>("dispose").WithDescription("Request the disposal of an item (custodian), or approve a requested one (--approve, judge).");
            config.AddCommand<DownloadCommand>("download").WithDescription("Record access on the ledger, download the content from storage and check its digest.")
                .WithExample("download", "EV-2026-0001", "--purpose", "\"Court exhibit\"", "-o", "exhibit.img");
            config.AddCommand<WatchCommand>("watch").WithDescription("Print custody events as they are committed; --checkpoint resumes where the last run stopped.");
            config.AddBranch("bundle", bundle =>
            {
                bundle.SetDescription("Offline evidence bundles for courts: export one from the ledger, verify one with no network.");
                bundle.AddCommand<BundleExportCommand>("export").WithDescription("Export the offline bundle of an item (or of every item of a --case) through the Gateway.")
                    .WithExample("bundle", "export", "EV-2026-0001", "-o", "EV-2026-0001.bundle.zip");
                bundle.AddCommand<BundleVerifyCommand>("verify").WithDescription("Verify a bundle and the court's files offline (exit code 5 when not verified).")
                    .WithExample("bundle", "verify", "EV-2026-0001.bundle.zip", "--file", "EV-2026-0001=disk.img");
            });
            config.AddCommand<ReportCommand>("report").WithDescription("Verify a bundle offline and write the report: HTML, PDF or JSON, in English or Chinese.")
                .WithExample("report", "EV-2026-0001.bundle.zip", "--format", "pdf", "--lang", "zh-CN", "--file", "EV-2026-0001=disk.img", "-o", "report.pdf");
        });
        return app.RunAsync(args, cancellationToken);
    }
}
