using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity registry init --members Org1MSP,Org2MSP</c>: sets the organisations whose administrators approve registry changes, once after deployment.</summary>
internal sealed class RegistryInitCommand(Output output, CliEnvironment environment) : RegistryCommand<RegistryInitCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var config = await Registry(ledger, settings).InitializeAsync(IdentityInputs.List(settings.Members), cancellationToken).ConfigureAwait(false);
        return Print(settings, config, RegistryOutput.RegistryTable,
            $"The registry is initialised: {config.Organisations.Count} organisations, a change needs {config.Majority} approvals.");
    }

    internal sealed class Settings : RegistrySettings
    {
        [CommandOption("--members <MSPIDS>")]
        [Description("Comma-separated MSP ids of the channel's organisations that approve registry changes (Org1MSP,Org2MSP).")]
        public string? Members { get; init; }

        public override ValidationResult Validate() =>
            IdentityInputs.List(Members).Count == 0
                ? ValidationResult.Error("--members is required: the organisations that approve registry changes, e.g. --members Org1MSP,Org2MSP.")
                : base.Validate();
    }
}
