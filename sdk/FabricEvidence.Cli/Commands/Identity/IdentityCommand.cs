using FabricEvidence.Cli.Internal;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>A command of the identity contract: the connection as for the evidence commands, the chaincode <c>identity</c> unless <c>--chaincode</c> says otherwise.</summary>
internal abstract class IdentityCommand<TSettings>(Output output, CliEnvironment environment) : LedgerCommand<TSettings>(output, environment)
    where TSettings : ConnectionSettings
{
    protected static string Chaincode(ConnectionSettings settings) => settings.Chaincode ?? "identity";

    /// <summary>Prints a result: as JSON, or a confirmation line.</summary>
    protected int Done<T>(TSettings settings, string summary, T result)
    {
        if (settings.Json)
        {
            Output.Json(result);
        }
        else
        {
            Output.Success(summary);
        }

        return ExitCodes.Ok;
    }
}
