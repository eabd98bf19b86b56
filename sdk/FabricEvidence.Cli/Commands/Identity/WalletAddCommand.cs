using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary><c>evidence identity wallet add CRED --key KEY --wallet FILE</c>: keeps an issued credential with its holder key in the encrypted wallet.</summary>
internal sealed class WalletAddCommand(Output output, CliEnvironment environment) : AsyncCommand<WalletAddCommand.Settings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var passphrase = IdentityInputs.Passphrase(settings.PassphraseFile, environment);
        var credential = IdentityInputs.ReadText(settings.Credential, "the credential file");
        using var key = IdentityInputs.ReadHolderKey(settings.Key!);
        var wallet = await IdentityInputs.OpenWalletAsync(settings.Wallet!, passphrase, mustExist: false, cancellationToken);
        var entry = wallet.Add(credential, key, settings.Label);
        await wallet.SaveAsync(settings.Wallet!, passphrase, cancellationToken: cancellationToken);
        if (settings.Json)
        {
            output.Json(new { entry = entry.Id, label = entry.Label, wallet = settings.Wallet });
        }
        else
        {
            output.Success($"Added as entry {entry.Id} of {settings.Wallet}.");
        }

        return ExitCodes.Ok;
    }

    internal sealed class Settings : WalletFileSettings
    {
        [CommandArgument(0, "<CRED>")]
        [Description("The credential file 'identity issue' wrote.")]
        public string Credential { get; init; } = string.Empty;

        [CommandOption("--key <PEM>")]
        [Description("The holder's private key the credential is bound to (the file of 'identity key').")]
        public string? Key { get; init; }

        [CommandOption("--label <TEXT>")]
        [Description("A label for people.")]
        public string? Label { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Key) ? ValidationResult.Error("--key is required: the holder's private key file, e.g. --key holder.pem.") : base.Validate();
    }
}
