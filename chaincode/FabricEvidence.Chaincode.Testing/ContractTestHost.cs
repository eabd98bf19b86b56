using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace FabricEvidence.Chaincode.Testing;

/// <summary>
/// Runs a chaincode's contracts against an <see cref="InMemoryLedger"/>, invoking transactions by name with string
/// arguments, so that tests exercise routing, argument conversion and result encoding as a client would.
/// </summary>
/// <remarks>
/// <see cref="SubmitAsync(string, IReadOnlyList{string}?, CancellationToken)"/> commits the transaction when its
/// response is a success (and reports the committer's verdict); an error response commits nothing, just as a peer would
/// not endorse it. <see cref="EvaluateAsync(string, IReadOnlyList{string}?, CancellationToken)"/> never commits.
/// Transactions run one after another unless the test starts them concurrently.
/// </remarks>
public sealed class ContractTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>Creates a host whose services (at least one <c>AddContract</c>) are registered by <paramref name="configureServices"/>.</summary>
    /// <param name="configureServices">Registers contracts and the services they need.</param>
    /// <exception cref="InvalidOperationException">A contract is defined incorrectly.</exception>
    public ContractTestHost(Action<IServiceCollection> configureServices)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        var services = new ServiceCollection();
        configureServices(services);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        Chaincode = _services.GetService<IChaincode>()
            ?? throw new InvalidOperationException("No IChaincode is registered: call services.AddContract<T>() in configureServices.");
    }

    /// <summary>The committed state the transactions run against.</summary>
    public InMemoryLedger Ledger { get; } = new();

    /// <summary>The chaincode under test.</summary>
    public IChaincode Chaincode { get; }

    /// <summary>The client identity of transactions that do not name one. Defaults to <see cref="TestIdentity.Default"/>.</summary>
    public TestIdentity Identity { get; set; } = TestIdentity.Default;

    /// <summary>Creates a host running a single contract.</summary>
    /// <typeparam name="TContract">The contract class.</typeparam>
    /// <returns>The host.</returns>
    public static ContractTestHost Create<TContract>()
        where TContract : Contract => new(services => services.AddContract<TContract>());

    /// <summary>Submits a transaction: runs it and, if it succeeds, commits it.</summary>
    /// <param name="function">The transaction name, <c>contract:transaction</c> or just <c>transaction</c> for the default contract.</param>
    /// <param name="args">The arguments, UTF-8 encoded.</param>
    /// <param name="cancellationToken">Cancels the transaction.</param>
    /// <returns>The response and what happened to the transaction.</returns>
    public Task<TestTransactionResult> SubmitAsync(string function, IReadOnlyList<string>? args = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(new TestTransaction { Function = function, Args = args ?? [] }, cancellationToken);

    /// <summary>Evaluates a transaction: runs it and commits nothing.</summary>
    /// <param name="function">The transaction name.</param>
    /// <param name="args">The arguments, UTF-8 encoded.</param>
    /// <param name="cancellationToken">Cancels the transaction.</param>
    /// <returns>The response.</returns>
    public Task<TestTransactionResult> EvaluateAsync(string function, IReadOnlyList<string>? args = null, CancellationToken cancellationToken = default) =>
        InvokeAsync(new TestTransaction { Function = function, Args = args ?? [], Submit = false }, cancellationToken);

    /// <summary>Runs a transaction described in full.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="cancellationToken">Cancels the transaction.</param>
    /// <returns>The response and what happened to the transaction.</returns>
    public async Task<TestTransactionResult> InvokeAsync(TestTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(transaction.Function);
        var args = transaction.RawArgs ?? transaction.Args.Select(Encoding.UTF8.GetBytes).ToList();
        var stub = Ledger.CreateStub(args.Prepend(Encoding.UTF8.GetBytes(transaction.Function)));
        stub.Identity = transaction.Identity ?? Identity;
        stub.IsInit = transaction.IsInit;
        stub.ChaincodeInvoker = transaction.ChaincodeInvoker;
        if (transaction.Transient is not null)
        {
            stub.Transient = new Dictionary<string, byte[]>(transaction.Transient, StringComparer.Ordinal);
        }

        if (transaction.TxId is not null)
        {
            stub.TxId = transaction.TxId;
        }

        if (transaction.Timestamp is { } timestamp)
        {
            stub.TxTimestamp = timestamp;
        }

        var response = transaction.IsInit
            ? await Chaincode.InitAsync(stub, cancellationToken).ConfigureAwait(false)
            : await Chaincode.InvokeAsync(stub, cancellationToken).ConfigureAwait(false);
        Protocol.Peer.TxValidationCode? code = null;
        if (transaction.Submit && response.IsSuccess)
        {
            code = stub.Commit();
        }
        else
        {
            stub.Discard();
        }

        return new TestTransactionResult(response, stub.TxId, stub.TxTimestamp, stub.Event, code);
    }

    /// <summary>The contract metadata returned by <c>org.hyperledger.fabric:GetMetadata</c>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The metadata JSON.</returns>
    public async Task<string> GetMetadataAsync(CancellationToken cancellationToken = default) =>
        (await EvaluateAsync("org.hyperledger.fabric:GetMetadata", cancellationToken: cancellationToken).ConfigureAwait(false)).EnsureSuccess().PayloadText;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
