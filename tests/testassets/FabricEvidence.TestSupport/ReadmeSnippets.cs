namespace FabricEvidence.TestSupport;

/// <summary>
/// Keeps a README's opening example honest: the first <c>csharp</c> block of the README must appear, line for line
/// (ignoring indentation and blank lines), in a test source file that compiles and runs it.
/// </summary>
public static class ReadmeSnippets
{
    /// <summary>The first C# block of a README, as trimmed non-blank lines.</summary>
    public static IReadOnlyList<string> FirstCSharpBlock(string readmeRelativePath)
    {
        var lines = File.ReadAllLines(Path.Combine(NodeRunner.RepositoryRoot, readmeRelativePath));
        var start = Array.FindIndex(lines, l => l.Trim() == "```csharp");
        if (start < 0)
        {
            throw new InvalidOperationException($"{readmeRelativePath} has no ```csharp block.");
        }

        var end = Array.FindIndex(lines, start + 1, l => l.Trim() == "```");
        return Normalise(lines[(start + 1)..end]);
    }

    /// <summary>Whether <paramref name="sourceRelativePath"/> contains the README's first C# block, and where it differs if not.</summary>
    public static (bool Mirrored, string Problem) IsMirrored(string readmeRelativePath, string sourceRelativePath)
    {
        var snippet = FirstCSharpBlock(readmeRelativePath);
        var source = Normalise(File.ReadAllLines(Path.Combine(NodeRunner.RepositoryRoot, sourceRelativePath)));
        for (var i = 0; i + snippet.Count <= source.Count; i++)
        {
            if (source.Skip(i).Take(snippet.Count).SequenceEqual(snippet, StringComparer.Ordinal))
            {
                return (true, string.Empty);
            }
        }

        var firstMissing = snippet.FirstOrDefault(line => !source.Contains(line, StringComparer.Ordinal)) ?? "(lines present but not in the same order)";
        return (false, $"The opening example of {readmeRelativePath} is not in {sourceRelativePath}; first line not found: {firstMissing}");
    }

    private static List<string> Normalise(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
