using FabricEvidence.Cli.Internal;
using Spectre.Console;

namespace FabricEvidence.IntegrationTests;

/// <summary>Runs the <c>evidence</c> tool in process with the given environment, capturing what it prints (no colours, not interactive).</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await CliApplication.RunAsync(args, Console(output), Console(errors), new CliEnvironment(name => environment.GetValueOrDefault(name)));
        return (code, output.ToString(), errors.ToString());
    }

    private static IAnsiConsole Console(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.No,
        Interactive = InteractionSupport.No,
    });
}
