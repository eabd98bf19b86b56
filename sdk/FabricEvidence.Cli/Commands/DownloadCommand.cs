using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Evidence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>
/// <c>evidence download ID --purpose TEXT [-o FILE]</c>: records the access on the ledger (the receipt the storage
/// service asks for), downloads the content, and keeps it only if its digest is the ledger's.
/// </summary>
internal sealed class DownloadCommand(Output output, CliEnvironment environment) : LedgerCommand<DownloadCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var storageUrl = StorageUrls.Resolve(settings.StorageUrl, Environment);
        var target = Path.GetFullPath(settings.Output ?? settings.Id);
        if (File.Exists(target) && !settings.Force)
        {
            throw new CliException(ExitCodes.Usage, $"'{target}' exists; pass --force to replace it or -o another file.");
        }

        var record = await ledger.Evidence.GetEvidenceAsync(settings.Id, cancellationToken).ConfigureAwait(false);
        if (record.State != EvidenceState.Stored)
        {
            throw new CliException(ExitCodes.Refused, $"{settings.Id} is {record.State} on the ledger; only stored items can be downloaded.");
        }

        var access = await ledger.Evidence.RecordAccessAsync(settings.Id, settings.Purpose!, cancellationToken).ConfigureAwait(false);
        using var storage = new StorageClient(storageUrl, Environment.CreateHttpHandler(), ledger.Certificate, ledger.Credentials.Signer);
        var partial = target + ".partial";
        StorageDownload download;
        try
        {
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                download = await Transfers.RunAsync(Output.Console, !settings.Json, [("Downloading", record.Size)],
                    progress => storage.DownloadAsync(settings.Id, access.Accessed.TxId, file, DigestAlgorithm.FromName(record.DigestAlgorithm), progress[0], cancellationToken)).ConfigureAwait(false);
            }

            if (download.ComputedDigest != record.Digest || download.Length != record.Size)
            {
                File.Delete(partial);
                throw new CliException(ExitCodes.VerificationFailed,
                    $"The downloaded content of {settings.Id} has the digest {download.ComputedDigest} ({download.Length} bytes), not the ledger's {record.Digest} ({record.Size} bytes); it was discarded. Report it to the storage operator.");
            }

            File.Move(partial, target, settings.Force);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        if (settings.Json)
        {
            Output.Json(new { evidenceId = settings.Id, file = target, size = download.Length, digestAlgorithm = record.DigestAlgorithm, digest = download.ComputedDigest, verified = true, objectVersion = download.ObjectVersion, accessTransaction = access.Accessed.TxId });
        }
        else
        {
            Output.Success($"Access recorded on the ledger (transaction {access.Accessed.TxId}).");
            Output.Success($"Downloaded {Output.Bytes(download.Length)} to {target}; its {record.DigestAlgorithm} digest {download.ComputedDigest} matches the ledger.");
        }

        return ExitCodes.Ok;
    }

    internal sealed class Settings : StorageSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The evidence id.")]
        public string Id { get; init; } = string.Empty;

        [CommandOption("--purpose <TEXT>")]
        [Description("Why the content is read; recorded on the ledger (public: no personal data).")]
        public string? Purpose { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("Where to write the content. Default: a file named like the id, in the current folder.")]
        public string? Output { get; init; }

        [CommandOption("--force")]
        [Description("Replace the output file if it exists.")]
        public bool Force { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Purpose) ? ValidationResult.Error("--purpose is required: why you read the content, e.g. --purpose \"Court exhibit\".") : Ids.Check(Id, "ID");
    }
}
