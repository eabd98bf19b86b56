using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity registry proposal PROPOSAL</c>: a proposal, its approvals and its state.</summary>
internal sealed class ProposalShowCommand(Output output, CliEnvironment environment) : RegistryCommand<ProposalIdSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, ProposalIdSettings settings, CancellationToken cancellationToken)
    {
        var registry = Registry(ledger, settings);
        var proposal = await registry.GetProposalAsync(settings.Proposal, cancellationToken).ConfigureAwait(false);
        return Done(settings, proposal, await MajorityAsync(registry, cancellationToken).ConfigureAwait(false));
    }
}
