using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Evidence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>
/// <c>evidence submit FILE --case ... --description ...</c>: hashes the file, submits the item on the ledger, uploads
/// the file to the storage service (resuming after cuts), and waits until the storage service has confirmed it on the
/// ledger with its own identity.
/// </summary>
internal sealed class SubmitCommand(Output output, CliEnvironment environment) : LedgerCommand<SubmitCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var storageUrl = StorageUrls.Resolve(settings.StorageUrl, Environment);
        var algorithm = settings.Algorithm.Equals("sm3", StringComparison.OrdinalIgnoreCase) ? DigestAlgorithm.Sm3 : DigestAlgorithm.Sha256;
        var id = settings.Id ?? NewId();
        await using var file = OpenFile(settings.File);
        var size = file.Length;
        using var storage = new StorageClient(storageUrl, Environment.CreateHttpHandler(), ledger.Certificate, ledger.Credentials.Signer);
        await storage.EnsureReachableAsync(cancellationToken).ConfigureAwait(false);

        var (submitted, receipt) = await Transfers.RunAsync(Output.Console, !settings.Json, [("Hashing", size), ("Uploading", size)], async progress =>
        {
            var (digest, length) = await EvidenceDigest.ComputeAsync(file, algorithm, progress[0], cancellationToken).ConfigureAwait(false);
            var record = await ledger.Evidence.SubmitAsync(new SubmitEvidenceRequest
            {
                EvidenceId = id,
                CaseReference = settings.Case!,
                Description = settings.Description!,
                DigestAlgorithm = algorithm,
                Digest = digest,
                Size = length,
                MediaType = settings.MediaType ?? "application/octet-stream",
                RetainUntil = DateTimeOffset.UtcNow.AddYears(settings.RetainYears),
                Origin = new EvidenceOrigin(
                    settings.Operator ?? ledger.Certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, false),
                    settings.Device ?? "unspecified",
                    "evidence-cli",
                    typeof(SubmitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0",
                    settings.Place ?? "unspecified"),
            }, cancellationToken).ConfigureAwait(false);
            var stored = await storage.UploadAsync(id, file, length, progress[1], cancellationToken).ConfigureAwait(false);
            return (record, stored);
        }).ConfigureAwait(false);

        var confirmed = await WaitForConfirmationAsync(ledger, id, TimeSpan.FromSeconds(settings.ConfirmTimeout), cancellationToken).ConfigureAwait(false);
        if (settings.Json)
        {
            Output.Json(new { record = confirmed, storage = receipt });
        }
        else
        {
            Output.Success($"Submitted {id} (transaction {submitted.Submitted.TxId} by {submitted.Submitted.MspId} {submitted.Submitted.Role}).");
            Output.Success($"Stored as version {receipt.ObjectVersion} and confirmed by {confirmed.Storage!.Confirmed.MspId} {confirmed.Storage.Confirmed.Role} (transaction {receipt.TransactionId}).");
            Output.Record(confirmed);
        }

        return confirmed.State == EvidenceState.Stored ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }

    private static FileStream OpenFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NotFound, $"The file '{path}' does not exist; check the path.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    /// <summary>The service answers after its confirmation committed; polling covers a confirmation it retries later.</summary>
    private static async Task<EvidenceRecord> WaitForConfirmationAsync(LedgerConnection ledger, string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var record = await ledger.Evidence.GetEvidenceAsync(id, cancellationToken).ConfigureAwait(false);
            if (record.Storage is not null)
            {
                return record;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new CliException(ExitCodes.Connection, $"The storage confirmation of {id} is not on the ledger after {timeout.TotalSeconds:0} s; check later with: evidence show {id}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
    }

    private static string NewId() =>
        string.Create(CultureInfo.InvariantCulture, $"EV-{DateTime.UtcNow:yyyyMMdd}-{Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}");

    internal sealed class Settings : StorageSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The evidence file.")]
        public string File { get; init; } = string.Empty;

        [CommandOption("--case <REF>")]
        [Description("The (pseudonymous) case reference, e.g. CASE-2026/17. Public: no personal data.")]
        public string? Case { get; init; }

        [CommandOption("--description <TEXT>")]
        [Description("A short public description. No personal data.")]
        public string? Description { get; init; }

        [CommandOption("--id <ID>")]
        [Description("The evidence id. Default: EV-<date>-<random>.")]
        public string? Id { get; init; }

        [CommandOption("--algorithm <ALG>")]
        [Description("sha256 or sm3. Default: sha256.")]
        [DefaultValue("sha256")]
        public string Algorithm { get; init; } = "sha256";

        [CommandOption("--media-type <TYPE>")]
        [Description("The media type. Default: application/octet-stream.")]
        public string? MediaType { get; init; }

        [CommandOption("--retain-years <N>")]
        [Description("Keep the item at least this many years. Default: 10.")]
        [DefaultValue(10)]
        public int RetainYears { get; init; } = 10;

        [CommandOption("--operator <NAME>")]
        [Description("Who acquired the evidence (private: goes to the organisations' private collection). Default: the certificate's name.")]
        public string? Operator { get; init; }

        [CommandOption("--device <TEXT>")]
        [Description("From what device or medium (private). Default: unspecified.")]
        public string? Device { get; init; }

        [CommandOption("--place <TEXT>")]
        [Description("Where it was acquired (private). Default: unspecified.")]
        public string? Place { get; init; }

        [CommandOption("--confirm-timeout <SECONDS>")]
        [Description("How long to wait for the storage confirmation on the ledger. Default: 60.")]
        [DefaultValue(60)]
        public int ConfirmTimeout { get; init; } = 60;

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Case))
            {
                return ValidationResult.Error("--case is required: the case reference, e.g. --case CASE-2026/17.");
            }

            if (string.IsNullOrWhiteSpace(Description))
            {
                return ValidationResult.Error("--description is required: a short public description, e.g. --description \"Disk image\".");
            }

            if (!Algorithm.Equals("sha256", StringComparison.OrdinalIgnoreCase) && !Algorithm.Equals("sm3", StringComparison.OrdinalIgnoreCase))
            {
                return ValidationResult.Error($"--algorithm '{Algorithm}' is not supported: use sha256 or sm3.");
            }

            if (RetainYears is < 1 or > 100)
            {
                return ValidationResult.Error("--retain-years must be 1 to 100.");
            }

            if (ConfirmTimeout < 1)
            {
                return ValidationResult.Error("--confirm-timeout must be at least 1 second.");
            }

            return Id is null ? ValidationResult.Success() : Ids.Check(Id, "--id");
        }
    }
}
