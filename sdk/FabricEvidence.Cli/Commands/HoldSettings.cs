using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>Settings of <c>hold</c> and <c>release</c>: the hold's id and the reason.</summary>
internal sealed class HoldSettings : ReasonSettings
{
    [CommandOption("--hold-id <ID>")]
    [Description("The hold's id, for example the order's reference.")]
    public string? HoldId { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(HoldId) ? ValidationResult.Error("--hold-id is required: the hold's id, e.g. --hold-id ORDER-2026-17.") : base.Validate();
}
