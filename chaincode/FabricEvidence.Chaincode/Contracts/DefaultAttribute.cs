namespace FabricEvidence.Chaincode;

/// <summary>
/// Marks the default contract: the one that receives transactions whose name has no <c>contract:</c> prefix. At most
/// one registered contract may carry it; without it the first registered contract is the default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DefaultAttribute : Attribute
{
}
