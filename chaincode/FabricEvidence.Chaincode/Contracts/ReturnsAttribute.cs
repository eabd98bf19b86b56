namespace FabricEvidence.Chaincode;

/// <summary>Describes the value a transaction returns, in the contract metadata. Apply it with <c>[return: Returns("…")]</c>.</summary>
[AttributeUsage(AttributeTargets.ReturnValue, AllowMultiple = false, Inherited = true)]
public sealed class ReturnsAttribute : Attribute
{
    /// <summary>Describes the return value.</summary>
    /// <param name="description">What the returned payload holds.</param>
    public ReturnsAttribute(string description)
    {
        Description = description;
    }

    /// <summary>What the returned payload holds.</summary>
    public string Description { get; }
}
