namespace FabricEvidence.Identity.Client;

/// <summary>Options of a <see cref="RegistryClient"/>. Each property states its default.</summary>
public sealed class RegistryClientOptions
{
    /// <summary>The chaincode name the identity contract is deployed under. Defaults to <c>identity</c>.</summary>
    public string ChaincodeName { get; set; } = "identity";

    /// <summary>The channel. Defaults to <c>evidence</c>.</summary>
    public string ChannelName { get; set; } = "evidence";

    /// <summary>
    /// For dependency injection: the name of the registered gateway to use
    /// (<c>IFabricGatewayFactory.GetGateway</c>). Defaults to empty: the unnamed gateway.
    /// </summary>
    public string GatewayName { get; set; } = string.Empty;
}
