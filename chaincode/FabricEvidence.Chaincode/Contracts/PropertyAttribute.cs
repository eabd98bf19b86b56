namespace FabricEvidence.Chaincode;

/// <summary>
/// Describes a property of a <see cref="DataTypeAttribute">data type</see>. Optional: every public property with a
/// getter is part of the JSON form of a data type; this attribute renames it, documents it or makes it required.
/// On a positional record, apply it as <c>[property: Property(…)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class PropertyAttribute : Attribute
{
    /// <summary>The JSON property name; <see langword="null"/> or empty means the camel-cased C# name.</summary>
    public string? Name { get; set; }

    /// <summary>A description of the property.</summary>
    public string? Description { get; set; }

    /// <summary>
    /// Whether JSON input must contain the property. Properties bound to constructor parameters without a default
    /// value and C# <c>required</c> members are required anyway. Defaults to <see langword="false"/>.
    /// </summary>
    public bool Required { get; set; }
}
