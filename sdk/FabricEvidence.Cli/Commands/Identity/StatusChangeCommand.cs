using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>The issuer's status changes (revoke, suspend, reinstate) of a credential, with a reason code.</summary>
internal abstract class StatusChangeCommand(Output output, CliEnvironment environment) : IdentityCommand<StatusChangeCommand.Settings>(output, environment)
{
    protected abstract string Verb { get; }

    protected sealed override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        using var key = IdentityInputs.ReadIssuerKey(ledger.MspDirectory);
        var issuer = Issuer(ledger, key, settings);
        var record = await ChangeAsync(issuer, settings.Id, settings.Reason!, cancellationToken).ConfigureAwait(false);
        return Done(settings, $"{record.Id} {Verb} ({settings.Reason}); its status is now {record.Status}.", record);
    }

    protected abstract Task<CredentialRecord> ChangeAsync(IssuerClient issuer, string credentialId, string reason, CancellationToken cancellationToken);

    internal sealed class Settings : IssuerSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("The credential id.")]
        public string Id { get; init; } = string.Empty;

        [CommandOption("--reason <CODE>")]
        [Description("The reason code: key-compromise, superseded, issued-in-error, facts-changed, holder-request, legal-order, under-investigation, investigation-cleared.")]
        public string? Reason { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Reason) ? ValidationResult.Error("--reason is required: a reason code, e.g. --reason superseded.") : base.Validate();
    }
}
