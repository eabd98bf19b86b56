using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands;

/// <summary>Settings of the commands about one item: its id first.</summary>
internal class ItemSettings : ConnectionSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The evidence id.")]
    public string Id { get; init; } = string.Empty;

    public override ValidationResult Validate() => Ids.Check(Id, "ID");
}
