namespace FabricEvidence.Gateway;

/// <summary>A position in an event stream to resume from.</summary>
public interface ICheckpoint
{
    /// <summary>The block in which the next event is expected, or <see langword="null"/> when no position is recorded.</summary>
    ulong? BlockNumber { get; }

    /// <summary>The last transaction processed within <see cref="BlockNumber"/>, or <see langword="null"/> when the whole block is still to come.</summary>
    string? TransactionId { get; }
}

/// <summary>
/// Records how far an application has processed an event stream, so that a stream opened with
/// <see cref="EventsOptions.Checkpoint"/> resumes exactly there. Call it after processing each event or block.
/// </summary>
public interface ICheckpointer : ICheckpoint
{
    /// <summary>Records that block <paramref name="blockNumber"/> was processed completely; the next position is the following block.</summary>
    ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default);

    /// <summary>Records that transaction <paramref name="transactionId"/> in block <paramref name="blockNumber"/> was processed.</summary>
    ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="chaincodeEvent"/> was processed (its block and transaction).</summary>
    ValueTask CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default);
}

/// <summary>Creates checkpointers.</summary>
public static class Checkpointers
{
    /// <summary>A checkpointer that keeps its position in memory, for resuming within one process.</summary>
    public static InMemoryCheckpointer InMemory() => new();

    /// <summary>
    /// A checkpointer that persists its position in a JSON file, for resuming after a restart. Reads the file when it
    /// exists (written by this SDK or by Hyperledger's Go or Node clients).
    /// </summary>
    /// <exception cref="FileCheckpointerException">The file exists but is not a checkpoint.</exception>
    public static Task<FileCheckpointer> FileAsync(string path, CancellationToken cancellationToken = default) =>
        FileCheckpointer.OpenAsync(path, cancellationToken);
}

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
    public ValueTask CheckpointChaincodeEventAsync(ChaincodeEvent chaincodeEvent, CancellationToken cancellationToken = default)
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
