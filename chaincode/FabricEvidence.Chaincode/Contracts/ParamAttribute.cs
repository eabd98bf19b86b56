namespace FabricEvidence.Chaincode;

/// <summary>Describes a transaction parameter in the contract metadata.</summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class ParamAttribute : Attribute
{
    /// <summary>Describes the parameter.</summary>
    /// <param name="description">What the argument means, shown to client developers.</param>
    public ParamAttribute(string description)
    {
        Description = description;
    }

    /// <summary>What the argument means, shown to client developers.</summary>
    public string Description { get; }

    /// <summary>The parameter name published in the metadata; <see langword="null"/> or empty means the C# name.</summary>
    public string? Name { get; set; }
}
