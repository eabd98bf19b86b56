using System.ComponentModel;
using FabricEvidence.Cli.Internal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary><c>evidence identity registry issuer URI</c>: a registered issuer, what it may issue and until when.</summary>
internal sealed class IssuerShowCommand(Output output, CliEnvironment environment) : RegistryCommand<IssuerShowCommand.Settings>(output, environment)
{
    protected override async Task<int> RunAsync(LedgerConnection ledger, Settings settings, CancellationToken cancellationToken)
    {
        var issuer = await Registry(ledger, settings).GetIssuerAsync(settings.IssuerId, cancellationToken).ConfigureAwait(false);
        return Print(settings, issuer, RegistryOutput.IssuerTable);
    }

    internal sealed class Settings : RegistrySettings
    {
        [CommandArgument(0, "<URI>")]
        [Description("The issuer's URI.")]
        public string IssuerId { get; init; } = string.Empty;

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(IssuerId) ? ValidationResult.Error("URI is required: the issuer's URI, e.g. https://registry.org1.example.com.") : base.Validate();
    }
}
