using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary><c>evidence identity consent grant ENTRY --wallet FILE --verifier MSP --purpose CODE --claims a,b --expires DATE</c>: the holder's signed consent, recorded on the ledger.</summary>
internal sealed class ConsentGrantCommand(Output output, CliEnvironment environment) : IdentityCommand<ConsentGrantCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var (store, entry) = await IdentityInputs.OpenEntryAsync(settings.Wallet!, settings.PassphraseFile, Environment, settings.Entry, cancellationToken);
        var expires = IdentityInputs.ParseTime(settings.Expires, "--expires");
        var wallet = Wallet(ledger, store, settings);
        var consent = await wallet.GrantConsentAsync(new GrantConsentRequest
        {
            EntryId = entry.Id,
            Verifier = settings.Verifier!,
            Purpose = settings.Purpose!,
            Claims = IdentityInputs.List(settings.Claims),
            Expires = expires,
            ConsentId = settings.Id,
        }, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"Consent {consent.Id} granted to {consent.Verifier} for {consent.Purpose} ({string.Join(", ", consent.Claims)}) until {consent.Expires:u}.", consent);
    }

    internal sealed class Settings : WalletSettings
    {
        [CommandArgument(0, "<ENTRY>")]
        [Description("The wallet entry of the credential.")]
        public string Entry { get; init; } = string.Empty;

        [CommandOption("--verifier <MSPID>")]
        [Description("The verifying organisation (MSP id); only its verifiers may use the consent.")]
        public string? Verifier { get; init; }

        [CommandOption("--purpose <CODE>")]
        [Description("The purpose code the verifier records its verifications under.")]
        public string? Purpose { get; init; }

        [CommandOption("--claims <CLAIMS>")]
        [Description("Comma-separated claim paths the verifier may see.")]
        public string? Claims { get; init; }

        [CommandOption("--expires <DATE>")]
        [Description("When the consent lapses, ISO 8601.")]
        public string? Expires { get; init; }

        [CommandOption("--id <ID>")]
        [Description("The consent id. Default: a random one.")]
        public string? Id { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Verifier) ? ValidationResult.Error("--verifier is required: the verifying organisation's MSP id, e.g. --verifier Org2MSP.")
            : string.IsNullOrWhiteSpace(Purpose) ? ValidationResult.Error("--purpose is required: the purpose code, e.g. --purpose police-age-check.")
            : IdentityInputs.List(Claims).Count == 0 ? ValidationResult.Error("--claims is required: the claims the verifier may see, e.g. --claims age_over_18.")
            : !IdentityInputs.TryParseTime(Expires, out _) ? ValidationResult.Error("--expires is required: when the consent lapses, ISO 8601, e.g. --expires 2027-01-31.")
            : base.Validate();
    }
}
