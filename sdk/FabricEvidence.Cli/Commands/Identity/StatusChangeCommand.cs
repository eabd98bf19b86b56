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
        var issuer = new IssuerClient(ledger.Gateway, key, new IssuerClientOptions { IssuerId = settings.IssuerId!, ChannelName = ledger.ChannelName, ChaincodeName = Chaincode(settings) });
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

/// <summary><c>evidence identity revoke ID --reason CODE</c>: revokes a credential for good.</summary>
internal sealed class RevokeCommand(Output output, CliEnvironment environment) : StatusChangeCommand(output, environment)
{
    protected override string Verb => "revoked";

    protected override Task<CredentialRecord> ChangeAsync(IssuerClient issuer, string credentialId, string reason, CancellationToken cancellationToken) =>
        issuer.RevokeAsync(credentialId, reason, cancellationToken);
}

/// <summary><c>evidence identity suspend ID --reason CODE</c>: suspends a valid credential.</summary>
internal sealed class SuspendCommand(Output output, CliEnvironment environment) : StatusChangeCommand(output, environment)
{
    protected override string Verb => "suspended";

    protected override Task<CredentialRecord> ChangeAsync(IssuerClient issuer, string credentialId, string reason, CancellationToken cancellationToken) =>
        issuer.SuspendAsync(credentialId, reason, cancellationToken);
}

/// <summary><c>evidence identity reinstate ID --reason CODE</c>: reinstates a suspended credential.</summary>
internal sealed class ReinstateCommand(Output output, CliEnvironment environment) : StatusChangeCommand(output, environment)
{
    protected override string Verb => "reinstated";

    protected override Task<CredentialRecord> ChangeAsync(IssuerClient issuer, string credentialId, string reason, CancellationToken cancellationToken) =>
        issuer.ReinstateAsync(credentialId, reason, cancellationToken);
}
