using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity type show VCT</c>: the current version of a credential type.</summary>
internal sealed class TypeShowCommand(Output output, CliEnvironment environment) : RegistryCommand<TypeShowCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var type = await Registry(ledger, settings).GetCredentialTypeAsync(settings.Vct, cancellationToken).ConfigureAwait(false);
        return Print(settings, type, RegistryOutput.TypeTable);
    }

    internal sealed class Settings : RegistrySettings
    {
        [CommandArgument(0, "<VCT>")]
        [Description("The type URI.")]
        public string Vct { get; init; } = string.Empty;

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Vct) ? ValidationResult.Error("VCT is required: the type URI, e.g. urn:fabric-evidence:residence.") : base.Validate();
    }
}
