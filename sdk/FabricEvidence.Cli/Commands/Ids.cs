using Spectre.Console;

namespace FabricEvidence.Cli.Commands;

/// <summary>The evidence contract's id syntax, checked before anything is signed so that a typo costs no round trip.</summary>
internal static class Ids
{
    public static ValidationResult Check(string? id, string name) =>
        id is { Length: >= 1 and <= 64 } && char.IsAsciiLetterOrDigit(id[0]) && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? ValidationResult.Success()
            : ValidationResult.Error($"{name} '{id}' is not an evidence id: 1 to 64 of A-Z a-z 0-9 . _ -, starting with a letter or digit.");
}
