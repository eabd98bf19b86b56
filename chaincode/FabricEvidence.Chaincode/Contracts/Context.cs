using Microsoft.Extensions.Logging;

namespace FabricEvidence.Chaincode;

/// <summary>
/// What a transaction method receives as its first argument: the stub for ledger access, the calling client's
/// identity and a logger. Subclass it (and override <see cref="Contract.CreateContext"/>) to add helpers of your own.
/// </summary>
/// <remarks>The runtime initialises a context before any hook runs; its members throw when used before that.</remarks>
public class Context
{
    private IChaincodeStub? _stub;
    private ILogger? _logger;

    /// <summary>The stub of the running transaction: arguments, world state, private data, queries, events.</summary>
    public IChaincodeStub Stub => _stub ?? throw NotInitialised();

    /// <summary>
    /// The identity of the client that signed the proposal (<see cref="IChaincodeStub.CreatorIdentity"/>). Throws
    /// <see cref="FormatException"/> when the creator is not an X.509 <c>msp.SerializedIdentity</c>.
    /// </summary>
    public ClientIdentity ClientIdentity => Stub.CreatorIdentity;

    /// <summary>A logger named after the contract; entries carry the channel and transaction id in their scope.</summary>
    public ILogger Logger => _logger ?? throw NotInitialised();

    /// <summary>The name of the contract handling the transaction.</summary>
    public string ContractName { get; private set; } = string.Empty;

    /// <summary>The transaction name, without the <c>contract:</c> prefix.</summary>
    public string TransactionName { get; private set; } = string.Empty;

    /// <summary>Cancelled when the runtime abandons the transaction (peer disconnect or shutdown).</summary>
    public CancellationToken CancellationToken { get; private set; }

    internal bool IsInitialised => _stub is not null;

    internal void Initialise(IChaincodeStub stub, ILogger logger, string contractName, string transactionName, CancellationToken cancellationToken)
    {
        _stub = stub;
        _logger = logger;
        ContractName = contractName;
        TransactionName = transactionName;
        CancellationToken = cancellationToken;
    }

    private static InvalidOperationException NotInitialised() =>
        new("The context is not initialised yet: the runtime initialises it after Contract.CreateContext returns.");
}
