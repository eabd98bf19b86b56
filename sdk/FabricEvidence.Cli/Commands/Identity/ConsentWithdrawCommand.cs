using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary><c>evidence identity consent withdraw ENTRY CONSENT --wallet FILE</c>: withdraws a consent with a proof signed by the holder key.</summary>
internal sealed class ConsentWithdrawCommand(Output output, CliEnvironment environment) : IdentityCommand<ConsentWithdrawCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var (store, entry) = await IdentityInputs.OpenEntryAsync(settings.Wallet!, settings.PassphraseFile, Environment, settings.Entry, cancellationToken);
        var wallet = Wallet(ledger, store, settings);
        var consent = await wallet.WithdrawConsentAsync(entry.Id, settings.Consent, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"Consent {consent.Id} withdrawn; {consent.Verifier} can no longer record verifications under it.", consent);
    }

    internal sealed class Settings : WalletSettings
    {
        [CommandArgument(0, "<ENTRY>")]
        [Description("The wallet entry of the credential.")]
        public string Entry { get; init; } = string.Empty;

        [CommandArgument(1, "<CONSENT>")]
        [Description("The consent id.")]
        public string Consent { get; init; } = string.Empty;
    }
}
