namespace FabricEvidence.Gateway;

/// <summary>A checkpointer that keeps its position in memory. Thread-safe.</summary>
public sealed class InMemoryCheckpointer : ICheckpointer
{
    private readonly object _lock = new();
    private ulong? _blockNumber;
    private string? _transactionId;

    /// <inheritdoc />
    public ulong? BlockNumber
    {
        get
        {
            lock (_lock)
            {
                return _blockNumber;
            }
        }
    }

    /// <inheritdoc />
    public string? TransactionId
    {
        get
        {
            lock (_lock)
            {
                return _transactionId;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default)
    {
        if (blockNumber == ulong.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(blockNumber), "The last possible block cannot be followed by another.");
        }

        Set(blockNumber + 1, null);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        Set(blockNumber, transactionId);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CheckpointChaincodeEventAsync(ContractEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }

    private void Set(ulong blockNumber, string? transactionId)
    {
        lock (_lock)
        {
            _blockNumber = blockNumber;
            _transactionId = transactionId;
        }
    }
}
