using FabricEvidence.Chaincode.Internal.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FabricEvidence.Chaincode;

/// <summary>Registers contracts with a service collection.</summary>
public static class ContractServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TContract"/> and, on the first call, a singleton <see cref="IChaincode"/>
    /// (<see cref="ContractChaincode"/>) that routes invocations to every contract registered this way, in
    /// registration order (the first is the default unless one is marked <see cref="DefaultAttribute"/>).
    /// </summary>
    /// <typeparam name="TContract">The contract class.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <remarks>Contract definitions are validated when the <see cref="IChaincode"/> is first resolved.</remarks>
    public static IServiceCollection AddContract<TContract>(this IServiceCollection services)
        where TContract : Contract
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(new ContractRegistration(typeof(TContract)));
        services.TryAddSingleton<ContractChaincode>(provider =>
            new ContractChaincode(provider.GetServices<ContractRegistration>().Select(r => r.ContractType), provider));
        services.TryAddSingleton<IChaincode>(provider => provider.GetRequiredService<ContractChaincode>());
        return services;
    }
}
