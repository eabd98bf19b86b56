using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity registry propose-removal PROPOSAL --issuer-id URI</c>: proposes to remove an issuer (once removed it may only revoke).</summary>
internal sealed class ProposeRemovalCommand(Output output, CliEnvironment environment) : RegistryCommand<ProposeRemovalCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var registry = Registry(ledger, settings);
        var proposal = await registry.ProposeIssuerRemovalAsync(settings.Proposal, settings.IssuerId!, settings.ExpiresAt(), cancellationToken).ConfigureAwait(false);
        return Done(settings, proposal, await MajorityAsync(registry, cancellationToken).ConfigureAwait(false));
    }

    internal sealed class Settings : ProposalSettings
    {
        [CommandOption("--issuer-id <URI>")]
        [Description("The issuer to remove.")]
        public string? IssuerId { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(IssuerId) ? ValidationResult.Error("--issuer-id is required: the issuer to remove, e.g. --issuer-id https://registry.org1.example.com.") : base.Validate();
    }
}
