using System.ComponentModel;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary>
/// <c>evidence identity registry propose-issuer PROPOSAL --issuer-id URI --certificate PEM|MSPDIR --types VCT,...
/// --valid-until DATE --status-base URI</c>: proposes to register (or, with <c>--update</c>, re-register) an issuer;
/// the proposal counts as the proposing organisation's approval.
/// </summary>
internal sealed class ProposeIssuerCommand(Output output, CliEnvironment environment) : RegistryCommand<ProposeIssuerCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        string fingerprint;
        using (var certificate = ReadCertificate(settings.Certificate!))
        {
            fingerprint = RegistryClient.Fingerprint(certificate);
        }

        var spec = new IssuerSpec(
            settings.IssuerId!,
            settings.IssuerMsp ?? ledger.MspId,
            fingerprint,
            IdentityInputs.List(settings.Types),
            settings.ValidFrom is null ? DateTimeOffset.UtcNow : IdentityInputs.ParseTime(settings.ValidFrom, "--valid-from"),
            IdentityInputs.ParseTime(settings.ValidUntil, "--valid-until"),
            settings.StatusBase!);
        var registry = Registry(ledger, settings);
        var proposal = await registry.ProposeIssuerAsync(settings.Proposal, spec, settings.ExpiresAt(), settings.Update, cancellationToken).ConfigureAwait(false);
        return Done(settings, proposal, await MajorityAsync(registry, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The issuer's enrollment certificate: a PEM file, or the <c>signcerts</c> of an MSP folder.</summary>
    internal static X509Certificate2 ReadCertificate(string path)
    {
        var file = path;
        if (Directory.Exists(path))
        {
            var signcerts = Path.Combine(path, "signcerts");
            var pems = Directory.Exists(signcerts) ? Directory.GetFiles(signcerts, "*.pem") : [];
            if (pems.Length != 1)
            {
                throw new CliException(ExitCodes.Usage, $"'{path}' is a folder but not an MSP folder with one certificate in signcerts/; pass the issuer's certificate PEM or its MSP folder.");
            }

            file = pems[0];
        }
        else if (!File.Exists(path))
        {
            throw new CliException(ExitCodes.NotFound, $"The certificate '{path}' does not exist; pass the issuer's enrollment certificate (PEM) or its MSP folder with --certificate.");
        }

        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(file));
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new CliException(ExitCodes.Usage, $"'{file}' is not a PEM certificate ({ex.Message.TrimEnd('.')}); pass the issuer's enrollment certificate.");
        }
    }

    internal sealed class Settings : ProposalSettings
    {
        [CommandOption("--issuer-id <URI>")]
        [Description("The issuer's URI: the 'iss' of its credentials (https://registry.org1.example.com).")]
        public string? IssuerId { get; init; }

        [CommandOption("--issuer-msp <MSPID>")]
        [Description("The issuer's organisation. Default: the proposing administrator's.")]
        public string? IssuerMsp { get; init; }

        [CommandOption("--certificate <PEM|MSPDIR>")]
        [Description("The issuer's enrollment certificate (PEM), or its MSP folder: only this key may issue as the issuer.")]
        public string? Certificate { get; init; }

        [CommandOption("--types <VCTS>")]
        [Description("Comma-separated credential types (vct) it may issue; each must be registered.")]
        public string? Types { get; init; }

        [CommandOption("--valid-from <DATE>")]
        [Description("Start of the period in which it may issue, ISO 8601. Default: now.")]
        public string? ValidFrom { get; init; }

        [CommandOption("--valid-until <DATE>")]
        [Description("End of that period (exclusive), ISO 8601.")]
        public string? ValidUntil { get; init; }

        [CommandOption("--status-base <URI>")]
        [Description("Where the issuer publishes its status list tokens (https://status.org1.example.com/lists).")]
        public string? StatusBase { get; init; }

        [CommandOption("--update")]
        [Description("Replace the registration of an issuer already registered under --issuer-id.")]
        public bool Update { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(IssuerId) ? ValidationResult.Error("--issuer-id is required: the issuer's URI, e.g. --issuer-id https://registry.org1.example.com.")
            : string.IsNullOrWhiteSpace(Certificate) ? ValidationResult.Error("--certificate is required: the issuer's enrollment certificate (PEM) or its MSP folder.")
            : IdentityInputs.List(Types).Count == 0 ? ValidationResult.Error("--types is required: the credential types it may issue, e.g. --types urn:fabric-evidence:residence.")
            : ValidFrom is not null && !IdentityInputs.TryParseTime(ValidFrom, out _) ? ValidationResult.Error($"--valid-from '{ValidFrom}' is not a date: use ISO 8601, e.g. 2026-12-01.")
            : string.IsNullOrWhiteSpace(ValidUntil) ? ValidationResult.Error("--valid-until is required: the end of the issuer's period, e.g. --valid-until 2031-12-31.")
            : !IdentityInputs.TryParseTime(ValidUntil, out _) ? ValidationResult.Error($"--valid-until '{ValidUntil}' is not a date: use ISO 8601, e.g. 2031-12-31.")
            : string.IsNullOrWhiteSpace(StatusBase) ? ValidationResult.Error("--status-base is required: where the issuer publishes status lists, e.g. --status-base https://status.org1.example.com/lists.")
            : base.Validate();
    }
}
