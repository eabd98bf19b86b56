using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>Settings of the steps that record a reason.</summary>
internal class ReasonSettings : ItemSettings
{
    [CommandOption("--reason <TEXT>")]
    [Description("Why (public: no personal data).")]
    public string? Reason { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Reason) ? ValidationResult.Error("--reason is required: why this step is taken, e.g. --reason \"Court order 17/2026\".") : base.Validate();
}
