namespace FabricEvidence.Cli.Tests;

/// <summary>Bad command lines: exit code 2 and one line saying what to fix, before anything is signed or sent.</summary>
[Collection(CliGroup.Name)]
public sealed class ParsingTests(CliHarness harness)
{
    [Theory]
    [InlineData("frob", "Unknown command 'frob'")]
    [InlineData("show", "missing required argument 'ID'")]
    [InlineData("show 'bad id!'", "is not an evidence id")]
    [InlineData("show EV-1 --bogus", "Unknown option 'bogus'")]
    [InlineData("submit FILE --description d", "--case is required")]
    [InlineData("submit FILE --case C-1", "--description is required")]
    [InlineData("submit FILE --case C-1 --description d --algorithm md5", "--algorithm 'md5' is not supported: use sha256 or sm3")]
    [InlineData("submit FILE --case C-1 --description d --id x!y", "is not an evidence id")]
    [InlineData("submit FILE --case C-1 --description d --retain-years 0", "--retain-years must be 1 to 100")]
    [InlineData("transfer EV-1 --purpose p", "--to is required")]
    [InlineData("transfer EV-1 --to Org2MSP", "--purpose is required")]
    [InlineData("decline EV-1", "--reason is required")]
    [InlineData("hold EV-1 --reason r", "--hold-id is required")]
    [InlineData("release EV-1 --hold-id H", "--reason is required")]
    [InlineData("download EV-1", "--purpose is required")]
    [InlineData("watch --type Bogus", "--type 'Bogus' is not an evidence event type")]
    [InlineData("watch --count 0", "--count must be at least 1")]
    [InlineData("show EV-1 --org x", "")]
    public async Task A_wrong_command_line_exits_2_with_one_line_saying_what_to_fix(string commandLine, string expected)
    {
        var run = await harness.RunAsync(Split(commandLine));

        run.AssertOneLineError(2, expected);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var run = await harness.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "submit", "verify", "show", "history", "transfer", "accept", "decline", "hold", "release", "dispose", "download", "watch" })
        {
            Assert.Contains(command, run.Output, StringComparison.Ordinal);
        }
    }

    /// <summary>Splits like a shell for these simple lines: spaces, and single quotes around one word.</summary>
    internal static string[] Split(string commandLine) =>
        System.Text.RegularExpressions.Regex.Matches(commandLine, "'[^']*'|\\S+").Select(m => m.Value.Trim('\'')).ToArray();
}
