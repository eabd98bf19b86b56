using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity.Registry;

/// <summary>The options of a command on an existing proposal.</summary>
internal sealed class ProposalIdSettings : RegistrySettings
{
    [CommandArgument(0, "<PROPOSAL>")]
    [Description("The proposal id.")]
    public string Proposal { get; init; } = string.Empty;

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Proposal) ? ValidationResult.Error("PROPOSAL is required: the proposal id.") : base.Validate();
}
