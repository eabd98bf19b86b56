using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity registry withdraw PROPOSAL</c>: the proposing organisation withdraws its open proposal.</summary>
internal sealed class WithdrawCommand(Output output, CliEnvironment environment) : RegistryCommand<ProposalIdSettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, ProposalIdSettings settings, CancellationToken cancellationToken)
    {
        var registry = Registry(ledger, settings);
        var proposal = await registry.WithdrawChangeAsync(settings.Proposal, cancellationToken).ConfigureAwait(false);
        return Done(settings, proposal, await MajorityAsync(registry, cancellationToken).ConfigureAwait(false));
    }
}
