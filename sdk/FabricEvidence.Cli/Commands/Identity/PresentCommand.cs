using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>
/// <c>evidence identity present ENTRY --wallet FILE --disclose a,b --audience MSP --nonce N -o FILE</c>: the holder's
/// presentation disclosing only the chosen claims, bound to the verifier's organisation and nonce. Offline.
/// </summary>
internal sealed class PresentCommand(Output output, CliEnvironment environment) : AsyncCommand<PresentCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (_, entry) = await IdentityInputs.OpenEntryAsync(settings.Wallet!, settings.PassphraseFile, environment, settings.Entry, cancellationToken);
        using var key = entry.OpenHolderKey();
        Presentation presentation;
        try
        {
            presentation = new SdJwtPresenter().Present(entry.Credential, key, new PresentationRequest
            {
                Claims = IdentityInputs.List(settings.Disclose),
                Audience = settings.Audience!,
                Nonce = settings.Nonce!,
            });
        }
        catch (Exception ex) when (ex is SdJwtVerificationException or ArgumentException)
        {
            // An ArgumentException names a claim the credential does not have; its message is for people, the parameter is not.
            throw new CliException(ExitCodes.Usage, $"Cannot present entry {entry.Id}: {ex.Message.Split(" (Parameter", StringSplitOptions.None)[0].TrimEnd('.')}. Check --disclose.");
        }

        IdentityInputs.WritePrivate(settings.Output!, presentation.Compact);
        if (settings.Json)
        {
            output.Json(new { entry = entry.Id, disclosed = presentation.DisclosedClaims, audience = settings.Audience, output = settings.Output });
        }
        else
        {
            output.Success($"Presentation of {string.Join(", ", presentation.DisclosedClaims)} for {settings.Audience} written to {settings.Output}.");
        }

        return ExitCodes.Ok;
    }

    internal sealed class Settings : WalletFileSettings
    {
        [CommandArgument(0, "<ENTRY>")]
        [Description("The wallet entry (the id 'identity wallet add' printed).")]
        public string Entry { get; init; } = string.Empty;

        [CommandOption("--disclose <CLAIMS>")]
        [Description("Comma-separated claim paths to disclose (age_over_18,address/locality); nothing else is revealed.")]
        public string? Disclose { get; init; }

        [CommandOption("--audience <MSPID>")]
        [Description("The verifier's organisation (MSP id).")]
        public string? Audience { get; init; }

        [CommandOption("--nonce <NONCE>")]
        [Description("The verifier's nonce ('identity nonce').")]
        public string? Nonce { get; init; }

        [CommandOption("-o|--output <FILE>")]
        [Description("Where to write the presentation for the verifier.")]
        public string? Output { get; init; }

        public override ValidationResult Validate() =>
            IdentityInputs.List(Disclose).Count == 0 ? ValidationResult.Error("--disclose is required: the claims to reveal, e.g. --disclose age_over_18,address/locality.")
            : string.IsNullOrWhiteSpace(Audience) ? ValidationResult.Error("--audience is required: the verifier's MSP id, e.g. --audience Org2MSP.")
            : string.IsNullOrWhiteSpace(Nonce) ? ValidationResult.Error("--nonce is required: the nonce the verifier gave you.")
            : string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("-o is required: where to write the presentation, e.g. -o presentation.txt.")
            : base.Validate();
    }
}
