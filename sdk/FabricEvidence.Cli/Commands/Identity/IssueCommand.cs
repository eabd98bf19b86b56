using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>
/// <c>evidence identity issue --type VCT --claims FILE --holder-key JWK --issuer-id URI --expires DATE -o CRED</c>:
/// the issuer signs an SD-JWT VC with its enrollment key and records it (hashes and digests) on the ledger.
/// </summary>
internal sealed class IssueCommand(Output output, CliEnvironment environment) : IdentityCommand<IssueCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var claims = IdentityInputs.ReadClaims(settings.Claims!);
        var holderKey = IdentityInputs.ReadHolderPublicKey(settings.HolderKey!);
        var expires = IdentityInputs.ParseTime(settings.Expires, "--expires");
        using var key = IdentityInputs.ReadIssuerKey(ledger.MspDirectory);
        var issuer = Issuer(ledger, key, settings);
        IssuanceResult issued;
        try
        {
            issued = await issuer.IssueAsync(new IssueCredentialRequest { Vct = settings.Type!, HolderKey = holderKey, Claims = claims, Expires = expires, CredentialId = settings.Id }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            // The SD-JWT layer refuses claims it cannot issue (a reserved name such as _sd, a path the type lacks).
            throw new CliException(ExitCodes.Usage, $"The claims in '{settings.Claims}' cannot be issued: {ex.Message.Split(" (Parameter", 2)[0].TrimEnd('.')}. Fix the claims file.");
        }

        IdentityInputs.WritePrivate(settings.Output!, issued.Credential.SdJwt);
        return Done(settings, $"Issued {issued.Record.Id} ({issued.Record.Vct}, status index {issued.Record.StatusIndex}); the credential for the holder is in {settings.Output}.", issued.Record);
    }

    internal sealed class Settings : IssuerSettings
    {
        [CommandOption("--type <VCT>")]
        [Description("The credential type (vct) the issuer is registered for.")]
        public string? Type { get; init; }

        [CommandOption("--claims <FILE>")]
        [Description("A JSON object of the claims (personal data: it goes to the holder, never to the ledger).")]
        public string? Claims { get; init; }

        [CommandOption("--holder-key <JWK>")]
        [Description("The holder's public key (the .jwk file of 'identity key').")]
        public string? HolderKey { get; init; }

        [CommandOption("--expires <DATE>")]
        [Description("End of validity, ISO 8601 (2027-12-31 or 2027-12-31T12:00:00Z).")]
        public string? Expires { get; init; }

        [CommandOption("--id <ID>")]
        [Description("The credential id on the ledger. Default: a random UUID (never derive it from the person).")]
        public string? Id { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("Where to write the credential for the holder (readable by its owner only).")]
        public string? Output { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Type) ? ValidationResult.Error("--type is required: the credential type, e.g. --type urn:fabric-evidence:residence.")
            : string.IsNullOrWhiteSpace(Claims) ? ValidationResult.Error("--claims is required: a JSON file of the claims.")
            : string.IsNullOrWhiteSpace(HolderKey) ? ValidationResult.Error("--holder-key is required: the holder's public key file (JWK).")
            : string.IsNullOrWhiteSpace(Expires) ? ValidationResult.Error("--expires is required: end of validity, e.g. --expires 2027-12-31.")
            : !IdentityInputs.TryParseTime(Expires, out _) ? ValidationResult.Error($"--expires '{Expires}' is not a date: use ISO 8601, e.g. 2027-12-31 or 2027-12-31T12:00:00Z.")
            : string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o is required: where to write the credential, e.g. -o residence.sdjwt.")
            : base.Validate();
    }
}
