namespace FabricEvidence.Gateway.DependencyInjection;

/// <summary>
/// The gateways registered with <see cref="FabricGatewayServiceCollectionExtensions"/>, by name: one gateway per name,
/// created on first use, over a gRPC channel whose HTTP handler <see cref="System.Net.Http.IHttpClientFactory"/>
/// manages. The container disposes them.
/// </summary>
public interface IFabricGatewayFactory
{
    /// <summary>The gateway registered under <paramref name="name"/>.</summary>
    /// <param name="name">The registration's name; <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> (empty) for the unnamed one.</param>
    /// <returns>The gateway, shared by every caller of this name.</returns>
    /// <exception cref="InvalidOperationException">No gateway is registered under <paramref name="name"/>.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">Its configuration is invalid (every problem listed).</exception>
    IGateway GetGateway(string name);
}
