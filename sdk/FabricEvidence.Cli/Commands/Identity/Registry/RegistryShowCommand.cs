using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity registry show</c>: the registry's organisations and how many approvals a change needs.</summary>
internal sealed class RegistryShowCommand(Output output, CliEnvironment environment) : RegistryCommand<RegistrySettings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, RegistrySettings settings, CancellationToken cancellationToken)
    {
        var config = await Registry(ledger, settings).GetRegistryAsync(cancellationToken).ConfigureAwait(false);
        return Print(settings, config, RegistryOutput.RegistryTable);
    }
}
