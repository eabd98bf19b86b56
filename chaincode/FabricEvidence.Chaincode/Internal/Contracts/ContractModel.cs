using System.Reflection;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>A registered contract with its routing table, built once at startup.</summary>
internal sealed class ContractDescriptor
{
    public required string Name { get; init; }

    public required Type Type { get; init; }

    public required bool IsDefault { get; set; }

    public required InfoAttribute? Info { get; init; }

    /// <summary>Creates a contract instance for one transaction from the transaction's service scope.</summary>
    public required Func<IServiceProvider, Contract> Factory { get; init; }

    /// <summary>The logger category of the contract.</summary>
    public required string LoggerCategory { get; init; }

    public required IReadOnlyDictionary<string, TransactionDescriptor> Transactions { get; init; }
}

/// <summary>One transaction of a contract: how to convert its arguments, call it, and encode its result.</summary>
internal sealed class TransactionDescriptor
{
    public required string Name { get; init; }

    public required MethodInfo Method { get; init; }

    public required TransactionIntent Intent { get; init; }

    /// <summary>The type of the method's first parameter; the context created for the call must be one.</summary>
    public required Type ContextType { get; init; }

    public required IReadOnlyList<ParameterDescriptor> Parameters { get; init; }

    public required bool TakesCancellationToken { get; init; }

    /// <summary>Calls the method with (context, converted arguments…, [token]) and awaits it if it is asynchronous.</summary>
    public required Func<Contract, object?[], ValueTask<object?>> Invoke { get; init; }

    /// <summary>Encodes the result; <see langword="null"/> for methods without a result.</summary>
    public required ValueCodec? Result { get; init; }

    public required string? ResultDescription { get; init; }

    /// <summary>The metadata schema of the result; <see langword="null"/> for methods without a result.</summary>
    public required System.Text.Json.Nodes.JsonObject? ResultSchema { get; init; }
}

/// <summary>One argument of a transaction.</summary>
internal sealed class ParameterDescriptor
{
    public required string Name { get; init; }

    public required string? Description { get; init; }

    public required ValueCodec Codec { get; init; }

    public required System.Text.Json.Nodes.JsonObject Schema { get; init; }
}

/// <summary>Everything the router needs: the contracts by name, the default one, and the metadata document.</summary>
internal sealed class ContractModel
{
    public required IReadOnlyDictionary<string, ContractDescriptor> ContractsByName { get; init; }

    /// <summary>The contracts in registration order, the system contract last.</summary>
    public required IReadOnlyList<ContractDescriptor> Contracts { get; init; }

    public required ContractDescriptor Default { get; init; }

    /// <summary>The metadata JSON returned by <c>org.hyperledger.fabric:GetMetadata</c>.</summary>
    public required byte[] Metadata { get; init; }
}
