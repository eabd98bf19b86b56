using FabricEvidence.Cli.Internal;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Bundle;

/// <summary>
/// <c>evidence bundle verify BUNDLE.zip [--file ID=PATH ...]</c>: offline verification. Prints each failed check and
/// the verdict; exit code 0 when verified, 5 when not (or when a file was not given).
/// </summary>
internal sealed class BundleVerifyCommand(Output output) : AsyncCommand<BundleFileSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, BundleFileSettings settings, CancellationToken cancellationToken)
    {
        var result = await BundleVerification.RunAsync(settings, cancellationToken).ConfigureAwait(false);
        BundleVerification.Print(output, result);
        return BundleVerification.ExitCode(result);
    }
}
