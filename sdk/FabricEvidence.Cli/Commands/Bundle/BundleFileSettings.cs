using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Bundle;

/// <summary>
/// Settings of the offline commands: a bundle zip and the files the court holds. No network option: nothing is
/// fetched, which is the point of a bundle.
/// </summary>
internal class BundleFileSettings : CommandSettings
{
    [CommandArgument(0, "<BUNDLE>")]
    [Description("The bundle zip (from evidence bundle export).")]
    public string Bundle { get; init; } = string.Empty;

    [CommandOption("--file <ID=PATH>")]
    [Description("The file the court holds for an item, as ID=PATH; repeat for each item. Without it the file digest is not checked.")]
    public string[] Files { get; init; } = [];

    /// <summary>The --file values as (item id, path), in the order given.</summary>
    public IReadOnlyList<(string Id, string Path)> ParsedFiles() =>
        [.. Files.Select(f => f.Split('=', 2)).Select(parts => (parts[0], parts[1]))];

    public override ValidationResult Validate()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in Files)
        {
            var parts = value.Split('=', 2);
            if (parts.Length != 2 || parts[1].Length == 0)
            {
                return ValidationResult.Error($"--file '{value}' must be ID=PATH (e.g. --file EV-2026-0001=disk.img).");
            }

            if (Ids.Check(parts[0], "--file ID") is { Successful: false } bad)
            {
                return bad;
            }

            if (!seen.Add(parts[0]))
            {
                return ValidationResult.Error($"--file names item '{parts[0]}' twice; give one file per item.");
            }
        }

        return ValidationResult.Success();
    }
}
