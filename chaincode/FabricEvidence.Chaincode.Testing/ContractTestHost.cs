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

/// <summary>A transaction for <see cref="ContractTestHost.InvokeAsync"/>.</summary>
public sealed class TestTransaction
{
    /// <summary>The transaction name, <c>contract:transaction</c> or just <c>transaction</c>.</summary>
    public required string Function { get; init; }

    /// <summary>The arguments after the function name, UTF-8 encoded. Defaults to none.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Raw argument bytes after the function name; when set, used instead of <see cref="Args"/>.</summary>
    public IReadOnlyList<byte[]>? RawArgs { get; init; }

    /// <summary>Transient data. Defaults to none.</summary>
    public IReadOnlyDictionary<string, byte[]>? Transient { get; init; }

    /// <summary>The client; defaults to <see cref="ContractTestHost.Identity"/>.</summary>
    public TestIdentity? Identity { get; init; }

    /// <summary>The transaction id; defaults to the ledger's next id.</summary>
    public string? TxId { get; init; }

    /// <summary>The transaction timestamp; defaults to the ledger's clock.</summary>
    public FabricTimestamp? Timestamp { get; init; }

    /// <summary>Whether to call Init instead of Invoke. Defaults to <see langword="false"/>.</summary>
    public bool IsInit { get; init; }

    /// <summary>Whether to commit a successful transaction (submit) or not (evaluate). Defaults to <see langword="true"/>.</summary>
    public bool Submit { get; init; } = true;

    /// <summary>Answers chaincode-to-chaincode calls; see <see cref="InMemoryChaincodeStub.ChaincodeInvoker"/>.</summary>
    public Func<string, IReadOnlyList<byte[]>, string?, CancellationToken, Task<ChaincodeResponse>>? ChaincodeInvoker { get; init; }
}

/// <summary>What a transaction run by <see cref="ContractTestHost"/> returned and whether it was committed.</summary>
public sealed class TestTransactionResult
{
    internal TestTransactionResult(ChaincodeResponse response, string txId, FabricTimestamp timestamp, ChaincodeEventRecord? chaincodeEvent, Protocol.Peer.TxValidationCode? validationCode)
    {
        Response = response;
        TxId = txId;
        Timestamp = timestamp;
        Event = chaincodeEvent;
        ValidationCode = validationCode;
    }

    /// <summary>The chaincode response.</summary>
    public ChaincodeResponse Response { get; }

    /// <summary>The response status (200 success, 500 error).</summary>
    public int Status => Response.Status;

    /// <summary>The response message (the error message for failures).</summary>
    public string Message => Response.Message;

    /// <summary>Whether the response is a success.</summary>
    public bool IsSuccess => Response.IsSuccess;

    /// <summary>The payload as UTF-8 text.</summary>
    public string PayloadText => Encoding.UTF8.GetString(Response.Payload);

    /// <summary>The transaction id.</summary>
    public string TxId { get; }

    /// <summary>The transaction timestamp.</summary>
    public FabricTimestamp Timestamp { get; }

    /// <summary>The chaincode event the transaction set, if any.</summary>
    public ChaincodeEventRecord? Event { get; }

    /// <summary>The committer's verdict for a submitted successful transaction; <see langword="null"/> when nothing was committed.</summary>
    public Protocol.Peer.TxValidationCode? ValidationCode { get; }

    /// <summary>Whether the transaction changed the ledger.</summary>
    public bool Committed => ValidationCode == Protocol.Peer.TxValidationCode.Valid;

    /// <summary>The payload deserialized from JSON with <see cref="ChaincodeJson"/>.</summary>
    /// <typeparam name="T">The payload type.</typeparam>
    /// <returns>The value.</returns>
    public T PayloadAs<T>() => ChaincodeJson.Deserialize<T>(Response.Payload);

    /// <summary>Returns this result if the response is a success and any commit was valid; throws otherwise.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="InvalidOperationException">The transaction failed; the message carries the status and message.</exception>
    public TestTransactionResult EnsureSuccess()
    {
        if (!IsSuccess)
        {
            throw new InvalidOperationException($"Transaction {TxId} failed with status {Status}: {Message}");
        }

        if (ValidationCode is { } code && code != Protocol.Peer.TxValidationCode.Valid)
        {
            throw new InvalidOperationException($"Transaction {TxId} was not committed: {code}.");
        }

        return this;
    }
}
