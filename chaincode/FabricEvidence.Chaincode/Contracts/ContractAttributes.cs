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

/// <summary>
/// Marks the default contract: the one that receives transactions whose name has no <c>contract:</c> prefix. At most
/// one registered contract may carry it; without it the first registered contract is the default.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DefaultAttribute : Attribute
{
}

/// <summary>Whether a transaction is meant to change the ledger (submit) or only to read it (evaluate).</summary>
/// <remarks>
/// Fabric does not enforce the intent: it is published in the contract metadata (tags <c>SUBMIT</c>/<c>submitTx</c>
/// or <c>EVALUATE</c>) so that clients and tools know how to call the transaction.
/// </remarks>
public enum TransactionIntent
{
    /// <summary>The transaction writes to the ledger; clients submit it for endorsement and ordering.</summary>
    Submit = 0,

    /// <summary>The transaction only reads; clients evaluate it on one peer and nothing is ordered.</summary>
    Evaluate = 1,
}

/// <summary>
/// Exposes a public method of a contract as a transaction. Only methods carrying this attribute can be invoked; every
/// other method, public or not, is invisible to clients. The method may be static (the hooks of the contract instance
/// still run around it).
/// </summary>
/// <remarks>
/// The method's first parameter is the transaction <see cref="Context"/> (or the type returned by
/// <see cref="Contract.CreateContext"/>); an optional last <see cref="CancellationToken"/> parameter receives the
/// runtime's token. The parameters in between are the transaction's arguments, converted from the invocation's
/// arguments as described on <see cref="ChaincodeJson"/>. The method may return <see langword="void"/>,
/// <see cref="Task"/>, <see cref="ValueTask"/>, a value, or a task of a value.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class TransactionAttribute : Attribute
{
    /// <summary>Exposes the method as a transaction that writes (<see cref="TransactionIntent.Submit"/>).</summary>
    public TransactionAttribute()
        : this(TransactionIntent.Submit)
    {
    }

    /// <summary>Exposes the method as a transaction with the given intent.</summary>
    /// <param name="intent">Whether clients should submit or evaluate the transaction.</param>
    public TransactionAttribute(TransactionIntent intent)
    {
        Intent = intent;
    }

    /// <summary>Whether clients should submit or evaluate the transaction.</summary>
    public TransactionIntent Intent { get; }

    /// <summary>The transaction name clients use; <see langword="null"/> or empty means the method name.</summary>
    public string? Name { get; set; }
}

/// <summary>
/// Descriptive information published in the contract metadata. On a contract class it describes that contract; on
/// an assembly it describes the chaincode as a whole (the top-level <c>info</c>) when that assembly holds the
/// default contract.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class InfoAttribute : Attribute
{
    /// <summary>The title; defaults to the contract name (or, for the chaincode, the assembly name).</summary>
    public string? Title { get; set; }

    /// <summary>A longer description.</summary>
    public string? Description { get; set; }

    /// <summary>The version; defaults to the version of the assembly that declares the contract.</summary>
    public string? Version { get; set; }

    /// <summary>The terms of service.</summary>
    public string? TermsOfService { get; set; }

    /// <summary>The licence name, for example an SPDX identifier such as <c>Apache-2.0</c>.</summary>
    public string? License { get; set; }

    /// <summary>An absolute URL of the licence text; requires <see cref="License"/>.</summary>
    public string? LicenseUrl { get; set; }

    /// <summary>The name of the contact person or organisation.</summary>
    public string? ContactName { get; set; }

    /// <summary>The contact e-mail address.</summary>
    public string? ContactEmail { get; set; }

    /// <summary>An absolute URL with contact information.</summary>
    public string? ContactUrl { get; set; }
}

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
