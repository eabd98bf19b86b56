using System.Globalization;
using FabricEvidence.Gateway;

namespace FabricEvidence.Identity.Client.Internal;

/// <summary>
/// What every identity client does with the contract: name the transaction, check and send the arguments, turn a coded
/// refusal into a typed exception and the JSON result into a record.
/// </summary>
internal sealed class IdentityContractCaller
{
    private const string Prefix = "identity:";
    private readonly IContract _contract;

    public IdentityContractCaller(IGateway gateway, string channelName, string chaincodeName, string optionsName)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (string.IsNullOrWhiteSpace(channelName))
        {
            throw new ArgumentException($"{optionsName}.ChannelName must name a channel.", nameof(channelName));
        }

        if (string.IsNullOrWhiteSpace(chaincodeName))
        {
            throw new ArgumentException($"{optionsName}.ChaincodeName must name the identity chaincode.", nameof(chaincodeName));
        }

        MspId = gateway.Identity.MspId;
        _contract = gateway.GetNetwork(channelName).GetContract(chaincodeName);
    }

    /// <summary>The organisation of the gateway's identity.</summary>
    public string MspId { get; }

    public static ProposalOptions Arguments(params string[] arguments)
    {
        for (var i = 0; i < arguments.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(arguments[i], $"argument {i}");
        }

        return new ProposalOptions().AddArguments(arguments);
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public async Task<T> SubmitAsync<T>(string transaction, string? subject, ProposalOptions options, CancellationToken cancellationToken)
    {
        byte[] result;
        try
        {
            result = await _contract.SubmitAsync(Prefix + transaction, options, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException ex) when (IdentityErrors.From(ex, transaction, subject) is { } refused)
        {
            throw refused;
        }

        return IdentityJson.Read<T>(result, $"the result of {transaction}");
    }

    public async Task<T> EvaluateAsync<T>(string transaction, string? subject, ProposalOptions options, CancellationToken cancellationToken)
    {
        byte[] result;
        try
        {
            result = await _contract.EvaluateAsync(Prefix + transaction, options, cancellationToken).ConfigureAwait(false);
        }
        catch (GatewayException ex) when (IdentityErrors.From(ex, transaction, subject) is { } refused)
        {
            throw refused;
        }

        return IdentityJson.Read<T>(result, $"the result of {transaction}");
    }
}
