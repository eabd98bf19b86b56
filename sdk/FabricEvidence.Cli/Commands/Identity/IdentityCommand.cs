using FabricEvidence.Cli.Internal;
using FabricEvidence.Identity;
using FabricEvidence.Identity.Client;

namespace FabricEvidence.Cli.Commands.Identity;

/// <summary>A command of the identity contract: the connection as for the evidence commands, the chaincode <c>identity</c> unless <c>--chaincode</c> says otherwise.</summary>
internal abstract class IdentityCommand<TSettings>(Output output, CliEnvironment environment) : LedgerCommand<TSettings>(output, environment)
    where TSettings : ConnectionSettings
{
    protected static string Chaincode(ConnectionSettings settings) => settings.Chaincode ?? "identity";

    protected static IssuerClient Issuer(LedgerConnection ledger, IssuerKey key, IssuerSettings settings) =>
        new(ledger.Gateway, key, new IssuerClientOptions { IssuerId = settings.IssuerId!, ChannelName = ledger.ChannelName, ChaincodeName = Chaincode(settings) });

    protected static HolderWallet Wallet(LedgerConnection ledger, EncryptedWallet store, ConnectionSettings settings) =>
        new(ledger.Gateway, store, new HolderWalletOptions { ChannelName = ledger.ChannelName, ChaincodeName = Chaincode(settings) });

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
