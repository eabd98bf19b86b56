using FabricEvidence.Cli.Internal;
using Spectre.Console;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the command cleanly (watch checkpoints, downloads delete their partial file).
    e.Cancel = true;
    cancellation.Cancel();
};

var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
return await CliApplication.RunAsync(args, AnsiConsole.Console, errors, CliEnvironment.Process, cancellation.Token).ConfigureAwait(false);
