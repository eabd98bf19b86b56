using System.Text;
using FabricEvidence.Chaincode.Internal;
using FabricEvidence.Chaincode.Internal.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FabricEvidence.Chaincode;

/// <summary>
/// An <see cref="IChaincode"/> that routes invocations to contracts: the first argument names the transaction as
/// <c>contractName:transactionName</c> (or just <c>transactionName</c> for the default contract), the remaining
/// arguments become the transaction's parameters, and the result becomes the response payload.
/// </summary>
/// <remarks>
/// <para>
/// Contracts are inspected once, in the constructor: every definition error (a transaction without a context
/// parameter, an unsupported parameter type, two contracts with one name, …) is thrown from there, never from a
/// transaction. The routing table, converters and compiled method delegates are then reused by every invocation.
/// </para>
/// <para>Routing rules:</para>
/// <list type="bullet">
/// <item>The first argument is split at its first ':'; an empty contract part (<c>Create</c> or <c>:Create</c>)
/// selects the default contract (the one marked <see cref="DefaultAttribute"/>, else the first registered).</item>
/// <item>An unknown contract name fails with a message listing the known contracts; an unknown transaction name goes
/// to <see cref="Contract.UnknownTransactionAsync"/>.</item>
/// <item>The argument count must equal the number of transaction parameters, and each argument must convert to its
/// parameter type (see <see cref="ChaincodeJson"/>); otherwise the invocation fails, naming the parameter and the
/// expected form, before any contract code runs.</item>
/// <item>An invocation without arguments succeeds with an empty payload and runs no contract code, so that an
/// <c>--isInit</c> call with no function satisfies a chaincode definition that requires initialisation.</item>
/// <item>Init and Invoke route identically.</item>
/// <item>Every chaincode also has the system contract <c>org.hyperledger.fabric</c> with the transaction
/// <c>GetMetadata</c>, which returns the contract metadata (see <see cref="Metadata"/>).</item>
/// </list>
/// <para>Exceptions become error responses (status 500) carrying the exception's message; a
/// <see cref="ChaincodeException"/> can add a payload. Cancellation of the runtime's token is rethrown.</para>
/// </remarks>
public sealed partial class ContractChaincode : IChaincode
{
    private readonly ContractModel _model;
    private readonly IServiceProvider _services;
    private readonly IServiceScopeFactory? _scopes;
    private readonly ILogger _logger;
    private readonly Dictionary<string, ILogger> _contractLoggers = new(StringComparer.Ordinal);

    /// <summary>Inspects <paramref name="contractTypes"/> and builds the routing table.</summary>
    /// <param name="contractTypes">The contract classes, in registration order.</param>
    /// <param name="services">Services for contract constructors and the <see cref="ILoggerFactory"/>; a transaction's contract is
    /// created in a scope of its own. Defaults to an empty provider.</param>
    /// <exception cref="InvalidOperationException">A contract is defined incorrectly; the message says where.</exception>
    public ContractChaincode(IEnumerable<Type> contractTypes, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(contractTypes);
        _model = ContractModelBuilder.Build(contractTypes.ToList());
        _services = services ?? new ServiceCollection().BuildServiceProvider();
        _scopes = _services.GetService<IServiceScopeFactory>();
        var loggerFactory = _services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ContractChaincode>();
        foreach (var contract in _model.Contracts)
        {
            _contractLoggers[contract.Name] = loggerFactory.CreateLogger(contract.LoggerCategory);
        }
    }

    /// <summary>The contract metadata JSON (what <c>org.hyperledger.fabric:GetMetadata</c> returns), valid against Fabric's contract-schema.json.</summary>
    public ReadOnlyMemory<byte> Metadata => _model.Metadata;

    /// <summary>The names of the registered contracts, in registration order, followed by the system contract.</summary>
    public IReadOnlyList<string> ContractNames => _model.Contracts.Select(c => c.Name).ToList();

    /// <summary>The name of the default contract.</summary>
    public string DefaultContractName => _model.Default.Name;

    /// <inheritdoc />
    public Task<ChaincodeResponse> InitAsync(IChaincodeStub stub, CancellationToken cancellationToken) => RouteAsync(stub, cancellationToken);

    /// <inheritdoc />
    public Task<ChaincodeResponse> InvokeAsync(IChaincodeStub stub, CancellationToken cancellationToken) => RouteAsync(stub, cancellationToken);

    private async Task<ChaincodeResponse> RouteAsync(IChaincodeStub stub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stub);
        var args = stub.Args;
        if (args.Count == 0)
        {
            return ChaincodeResponse.Success();
        }

        string function;
        try
        {
            function = KeyRules.DecodeUtf8(args[0]);
        }
        catch (DecoderFallbackException)
        {
            return Fail(stub, "The function name (the first argument) is not valid UTF-8.");
        }

        var separator = function.IndexOf(':', StringComparison.Ordinal);
        var contractName = separator < 0 ? string.Empty : function[..separator];
        var transactionName = separator < 0 ? function : function[(separator + 1)..];
        ContractDescriptor? contract;
        if (contractName.Length == 0)
        {
            contract = _model.Default;
        }
        else if (!_model.ContractsByName.TryGetValue(contractName, out contract))
        {
            return Fail(stub, $"Unknown contract '{contractName}' in function '{function}'. This chaincode has the contracts: {string.Join(", ", _model.Contracts.Select(c => c.Name))}.");
        }

        var scope = _scopes?.CreateAsyncScope();
        try
        {
            var logger = _contractLoggers[contract.Name];
            using var logScope = logger.BeginScope(new TransactionLogScope(stub.ChannelId, stub.TxId, function));
            return await RunAsync(stub, contract, transactionName, function, logger, scope?.ServiceProvider ?? _services, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (scope is { } s)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ChaincodeResponse> RunAsync(IChaincodeStub stub, ContractDescriptor contract, string transactionName, string function, ILogger logger, IServiceProvider services, CancellationToken cancellationToken)
    {
        var stage = "creating the contract";
        try
        {
            var instance = contract.Factory(services);
            stage = "creating the context";
            var context = instance.CreateContextForRuntime()
                ?? throw new InvalidOperationException($"{contract.Type.Name}.CreateContext returned null.");
            context.Initialise(stub, logger, contract.Name, transactionName, cancellationToken);

            if (!contract.Transactions.TryGetValue(transactionName, out var transaction))
            {
                stage = "handling an unknown transaction";
                await instance.RunUnknownTransactionAsync(context, cancellationToken).ConfigureAwait(false);
                return ChaincodeResponse.Success();
            }

            if (!transaction.ContextType.IsInstanceOfType(context))
            {
                return Fail(stub, $"Transaction '{function}' takes a {transaction.ContextType.Name} but {contract.Type.Name}.CreateContext returned a {context.GetType().Name}.");
            }

            stage = "converting the arguments";
            if (!TryConvertArguments(stub.Args, transaction, function, context, cancellationToken, out var arguments, out var error))
            {
                return Fail(stub, error);
            }

            stage = "running BeforeTransactionAsync";
            await instance.RunBeforeTransactionAsync(context, cancellationToken).ConfigureAwait(false);
            stage = "running the transaction";
            var result = await transaction.Invoke(instance, arguments).ConfigureAwait(false);
            stage = "running AfterTransactionAsync";
            await instance.RunAfterTransactionAsync(context, result, cancellationToken).ConfigureAwait(false);
            stage = "encoding the result";
            return ChaincodeResponse.Success(transaction.Result?.Format(result) ?? []);
        }
        catch (ChaincodeException ex)
        {
            LogRejected(logger, function, ex.ResponseMessage);
            return new ChaincodeResponse(ChaincodeResponse.Error, ex.ResponseMessage, ex.Payload.ToArray());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any exception of contract code must become an error response, never crash the runtime.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex, function, stage);
            return ChaincodeResponse.Failure(string.IsNullOrEmpty(ex.Message) ? $"{ex.GetType().Name} while {stage}." : ClientMessages.Of(ex));
        }
    }

    private static bool TryConvertArguments(IReadOnlyList<byte[]> args, TransactionDescriptor transaction, string function, Context context, CancellationToken cancellationToken, out object?[] arguments, out string error)
    {
        var parameters = transaction.Parameters;
        var supplied = args.Count - 1;
        arguments = new object?[1 + parameters.Count + (transaction.TakesCancellationToken ? 1 : 0)];
        if (supplied != parameters.Count)
        {
            var expected = parameters.Count == 0 ? "no arguments" : $"{parameters.Count} argument{(parameters.Count == 1 ? string.Empty : "s")} ({string.Join(", ", parameters.Select(p => p.Name))})";
            error = $"Transaction '{function}' takes {expected} but was given {supplied}.";
            return false;
        }

        arguments[0] = context;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            try
            {
                arguments[i + 1] = parameter.Codec.Parse(args[i + 1]);
            }
            catch (ArgumentMismatchException ex)
            {
                var prefix = $"Transaction '{function}': argument {i + 1} ('{parameter.Name}') is not {parameter.Codec.Expected}";
                error = ex.Detail is not null ? $"{prefix}: {ex.Detail}" : $"{prefix}; got {ArgumentMismatchException.Quote(ex.Got ?? string.Empty)}.";
                return false;
            }
        }

        if (transaction.TakesCancellationToken)
        {
            arguments[^1] = cancellationToken;
        }

        error = string.Empty;
        return true;
    }

    private ChaincodeResponse Fail(IChaincodeStub stub, string message)
    {
        LogRouting(_logger, stub.ChannelId, stub.TxId, message);
        return ChaincodeResponse.Failure(message);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "[{ChannelId}/{TxId}] {Message}")]
    private static partial void LogRouting(ILogger logger, string channelId, string txId, string message);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Function} rejected: {Message}")]
    private static partial void LogRejected(ILogger logger, string function, string message);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "{Function} failed while {Stage}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string stage);

    // A fixed-order list so that log scopes render the same way every time.
    private sealed class TransactionLogScope(string channelId, string txId, string function) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _items =
        [
            new("ChannelId", channelId),
            new("TxId", txId),
            new("Function", function),
        ];

        public int Count => _items.Length;

        public KeyValuePair<string, object?> this[int index] => _items[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();

        public override string ToString() => $"{channelId}/{txId} {function}";
    }
}
