using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>The options of the holder's commands: the encrypted wallet file and its passphrase.</summary>
internal class WalletSettings : ConnectionSettings
{
    // The holder's wallet application (role=holder) records consents; network.sh names that user 'holder'.
    internal override string DefaultUser => "holder";

    [CommandOption("--wallet <FILE>")]
    [Description("The holder's encrypted wallet file.")]
    public string? Wallet { get; init; }

    [CommandOption("--passphrase-file <FILE>")]
    [Description("A file holding the wallet's passphrase. Default: the EVIDENCE_WALLET_PASSPHRASE environment variable.")]
    public string? PassphraseFile { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Wallet) ? ValidationResult.Error("--wallet is required: the holder's wallet file, e.g. --wallet wallet.json.") : base.Validate();
}
