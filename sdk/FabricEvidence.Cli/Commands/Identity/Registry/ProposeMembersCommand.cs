using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity registry propose-members PROPOSAL --members Org1MSP,Org2MSP,Org3MSP</c>: proposes a new set of approving organisations.</summary>
internal sealed class ProposeMembersCommand(Output output, CliEnvironment environment) : RegistryCommand<ProposeMembersCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var registry = Registry(ledger, settings);
        var proposal = await registry.ProposeOrganisationsAsync(settings.Proposal, IdentityInputs.List(settings.Members), settings.ExpiresAt(), cancellationToken).ConfigureAwait(false);
        return Done(settings, proposal, await MajorityAsync(registry, cancellationToken).ConfigureAwait(false));
    }

    internal sealed class Settings : ProposalSettings
    {
        [CommandOption("--members <MSPIDS>")]
        [Description("Comma-separated MSP ids of the new set of approving organisations.")]
        public string? Members { get; init; }

        public override ValidationResult Validate() =>
            IdentityInputs.List(Members).Count == 0 ? ValidationResult.Error("--members is required: the new organisations, e.g. --members Org1MSP,Org2MSP,Org3MSP.") : base.Validate();
    }
}
