namespace FabricEvidence.Chaincode;

/// <summary>
/// Marks a class or struct exchanged as JSON by transactions, published under <c>components.schemas</c> of the
/// contract metadata. Types used by transaction parameters or return values are published even without it; the
/// attribute gives them a name or a description.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class DataTypeAttribute : Attribute
{
    /// <summary>The schema name (<c>$id</c>); <see langword="null"/> or empty means the type name.</summary>
    public string? Name { get; set; }

    /// <summary>A description of the type.</summary>
    public string? Description { get; set; }
}
