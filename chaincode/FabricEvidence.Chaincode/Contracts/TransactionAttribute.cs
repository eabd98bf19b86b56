namespace FabricEvidence.Chaincode;

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
