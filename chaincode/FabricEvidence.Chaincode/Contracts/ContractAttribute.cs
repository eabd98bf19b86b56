namespace FabricEvidence.Chaincode;

/// <summary>
/// Names a contract. Optional: a class deriving from <see cref="Contract"/> is a contract named after the class
/// unless this attribute gives another name.
/// </summary>
/// <remarks>
/// Clients address a transaction as <c>contractName:transactionName</c>; the router splits that at the first colon,
/// so a contract name may not contain one. The name <c>org.hyperledger.fabric</c> is reserved for the system contract.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ContractAttribute : Attribute
{
    /// <summary>The contract name; <see langword="null"/> or empty means the class name.</summary>
    public string? Name { get; set; }
}
