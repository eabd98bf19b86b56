using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>The options of the issuer's commands: its registered URI (its key is the signing identity's, from --msp or --user).</summary>
internal class IssuerSettings : ConnectionSettings
{
    // Only a certificate with role=issuer may issue or change a status; network.sh names that user 'issuer'.
    internal override string DefaultUser => "issuer";

    [CommandOption("--issuer-id <URI>")]
    [Description("The issuer's registered URI (https://registry.org1.example.com).")]
    public string? IssuerId { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(IssuerId) ? ValidationResult.Error("--issuer-id is required: the issuer's registered URI, e.g. --issuer-id https://registry.org1.example.com.") : base.Validate();
}
