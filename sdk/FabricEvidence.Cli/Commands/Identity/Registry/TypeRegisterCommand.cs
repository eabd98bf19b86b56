using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity type register VCT --claims a,b,c --disclosable a,b</c>: registers a credential type, or its next version.</summary>
internal sealed class TypeRegisterCommand(Output output, CliEnvironment environment) : RegistryCommand<TypeRegisterCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var type = await Registry(ledger, settings).RegisterCredentialTypeAsync(settings.Vct, IdentityInputs.List(settings.Claims),
            IdentityInputs.List(settings.Disclosable), cancellationToken).ConfigureAwait(false);
        return Print(settings, type, RegistryOutput.TypeTable,
            $"Credential type {type.Vct} version {type.Version} registered: {type.Claims.Count} claims, {type.SelectivelyDisclosable.Count} selectively disclosable.");
    }

    internal sealed class Settings : RegistrySettings
    {
        [CommandArgument(0, "<VCT>")]
        [Description("The type URI (urn:fabric-evidence:residence).")]
        public string Vct { get; init; } = string.Empty;

        [CommandOption("--claims <PATHS>")]
        [Description("Comma-separated claim paths a credential of this type may hold (address/locality for a nested claim).")]
        public string? Claims { get; init; }

        [CommandOption("--disclosable <PATHS>")]
        [Description("Comma-separated claim paths issued as disclosures, a subset of --claims ('*' for every element of an array). Default: none.")]
        public string? Disclosable { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Vct) ? ValidationResult.Error("VCT is required: the type URI, e.g. urn:fabric-evidence:residence.")
            : IdentityInputs.List(Claims).Count == 0 ? ValidationResult.Error("--claims is required: the claim paths, e.g. --claims given_name,birthdate,age_over_18.")
            : base.Validate();
    }
}
