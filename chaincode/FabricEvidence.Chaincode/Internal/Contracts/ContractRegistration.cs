namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>One contract added with <see cref="ContractServiceCollectionExtensions.AddContract{TContract}"/>.</summary>
internal sealed record ContractRegistration(Type ContractType);
