using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity.Client;
using Spectre.Console.Cli;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary><c>evidence identity nonce</c>: a fresh nonce the verifier gives the holder for one presentation.</summary>
internal sealed class NonceCommand(Output output) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        // Bare, so that scripts can capture it: NONCE=$(evidence identity nonce).
        output.Console.Profile.Out.Writer.WriteLine(VerifierClient.CreateNonce());
        output.Console.Profile.Out.Writer.Flush();
        return ExitCodes.Ok;
    }
}
