using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity registry approve PROPOSAL</c>: the signer's organisation approves; the change applies once a majority has.</summary>
internal sealed class ApproveCommand(Output output, CliEnvironment environment) : RegistryCommand<ProposalIdSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, ProposalIdSettings settings, CancellationToken cancellationToken)
    {
        var registry = Registry(ledger, settings);
        var majority = await MajorityAsync(registry, cancellationToken).ConfigureAwait(false);
        var proposal = await registry.ApproveChangeAsync(settings.Proposal, cancellationToken).ConfigureAwait(false);
        return Done(settings, proposal, majority);
    }
}
