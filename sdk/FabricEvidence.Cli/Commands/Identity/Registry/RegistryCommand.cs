using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary>A command of the trust registry: the identity contract as the administrator of the signer's organisation.</summary>
internal abstract class RegistryCommand<TSettings>(Output output, CliEnvironment environment) : IdentityCommand<TSettings>(output, environment)
    where TSettings : RegistrySettings
{
    protected static RegistryClient Registry(LedgerConnection ledger, TSettings settings) =>
        new(ledger.Gateway, new RegistryClientOptions { ChannelName = ledger.ChannelName, ChaincodeName = Chaincode(settings) });

    /// <summary>Prints a proposal: JSON, or what happened and the proposal as a table.</summary>
    protected int Done(TSettings settings, ChangeProposal proposal, int majority) =>
        Print(settings, proposal, RegistryOutput.ProposalTable, RegistryOutput.ProposalSummary(proposal, majority));

    /// <summary>Prints a record: JSON, or an optional summary line and its table.</summary>
    protected int Print<T>(TSettings settings, T record, Func<T, Spectre.Console.Table> table, string? summary = null)
    {
        if (settings.Json)
        {
            Output.Json(record);
            return ExitCodes.Ok;
        }

        if (summary is not null)
        {
            Output.Success(summary);
        }

        Output.Console.Write(table(record));
        return ExitCodes.Ok;
    }

    /// <summary>The approvals the registry needs now, for the summary line; the proposal's own state is what counts.</summary>
    protected static async Task<int> MajorityAsync(RegistryClient registry, CancellationToken cancellationToken) =>
        (await registry.GetRegistryAsync(cancellationToken).ConfigureAwait(false)).Majority;
}
