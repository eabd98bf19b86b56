namespace FabricEvidence.Chaincode;

/// <summary>
/// The base class of a contract: a set of transactions, each a public method marked with
/// <see cref="TransactionAttribute"/>, that clients invoke as <c>contractName:transactionName</c>.
/// </summary>
/// <remarks>
/// <para>
/// A new instance is created for every transaction, inside a dependency-injection scope of its own, so instance fields
/// never leak between transactions (which the peer runs concurrently) and constructors may take services.
/// Contracts must stay deterministic: use <see cref="IChaincodeStub.TxTimestamp"/> instead of the clock and never
/// iterate unordered collections into the ledger.
/// </para>
/// <para>
/// For each transaction the runtime calls, in order: <see cref="CreateContext"/>, <see cref="BeforeTransactionAsync"/>,
/// the transaction method, <see cref="AfterTransactionAsync"/>. An exception anywhere ends the transaction with an
/// error response carrying the exception's message, and the peer then discards everything the transaction wrote.
/// A transaction name the contract does not have goes to <see cref="UnknownTransactionAsync"/> instead.
/// </para>
/// </remarks>
public abstract class Contract
{
    /// <summary>
    /// Creates the context passed to the transaction. Override it to return a subclass of <see cref="Context"/>
    /// carrying helpers of your own; transaction methods may then declare that subclass as their first parameter.
    /// </summary>
    /// <returns>A new, uninitialised context; the runtime initialises it before use.</returns>
    protected virtual Context CreateContext() => new();

    /// <summary>Runs before every known transaction of this contract, after its arguments have been converted.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="cancellationToken">Cancelled when the runtime abandons the transaction.</param>
    /// <returns>A task that completes when the hook is done; throw to fail the transaction.</returns>
    protected virtual Task BeforeTransactionAsync(Context context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every known transaction of this contract that completed without an exception.</summary>
    /// <param name="context">The transaction context.</param>
    /// <param name="result">The value the transaction returned; <see langword="null"/> for <see langword="void"/>.</param>
    /// <param name="cancellationToken">Cancelled when the runtime abandons the transaction.</param>
    /// <returns>A task that completes when the hook is done; throw to fail the transaction.</returns>
    protected virtual Task AfterTransactionAsync(Context context, object? result, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Runs when a client names a transaction this contract does not have. The default fails the transaction with a
    /// message naming the contract and the transaction; an override that returns normally makes the invocation
    /// succeed with an empty payload.
    /// </summary>
    /// <param name="context">The transaction context; <see cref="Context.TransactionName"/> holds the unknown name.</param>
    /// <param name="cancellationToken">Cancelled when the runtime abandons the transaction.</param>
    /// <returns>A task that completes when the hook is done.</returns>
    protected virtual Task UnknownTransactionAsync(Context context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw new ChaincodeException(
            $"Contract '{context.ContractName}' has no transaction named '{context.TransactionName}' (function '{context.Stub.FunctionName}').");
    }

    // The hooks are protected so that contracts override them with 'protected' from any assembly; the router calls
    // them through these.
    internal Context CreateContextForRuntime() => CreateContext();

    internal Task RunBeforeTransactionAsync(Context context, CancellationToken cancellationToken) => BeforeTransactionAsync(context, cancellationToken);

    internal Task RunAfterTransactionAsync(Context context, object? result, CancellationToken cancellationToken) => AfterTransactionAsync(context, result, cancellationToken);

    internal Task RunUnknownTransactionAsync(Context context, CancellationToken cancellationToken) => UnknownTransactionAsync(context, cancellationToken);
}
