using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>The options of the holder's offline commands (no ledger): the encrypted wallet file and its passphrase.</summary>
internal class WalletFileSettings : CommandSettings
{
    [CommandOption("--wallet <FILE>")]
    [Description("The holder's encrypted wallet file.")]
    public string? Wallet { get; init; }

    [CommandOption("--passphrase-file <FILE>")]
    [Description("A file holding the wallet's passphrase. Default: the EVIDENCE_WALLET_PASSPHRASE environment variable.")]
    public string? PassphraseFile { get; init; }

    [CommandOption("--json")]
    [Description("Write JSON instead of text, for scripts.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Wallet) ? ValidationResult.Error("--wallet is required: the holder's wallet file, e.g. --wallet wallet.json.") : base.Validate();
}
