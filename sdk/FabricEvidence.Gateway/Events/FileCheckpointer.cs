using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FabricEvidence.Gateway;

/// <summary>
/// A checkpointer that persists its position in a JSON file: <c>{"blockNumber":12,"transactionId":"…"}</c>.
/// </summary>
/// <remarks>
/// <para>
/// <c>blockNumber</c> is written as a JSON number, as Hyperledger's Go client writes it; its Node client writes a
/// decimal string. Both forms are read, so files from either client can be resumed from, and the Go and Node clients
/// can both read ours. A file with block 0 and no transaction (the Go client's empty state) means "no position".
/// </para>
/// <para>
/// Every checkpoint is written to a temporary file in the same folder, flushed to disk, then renamed over the
/// checkpoint file, so a crash leaves either the old or the new checkpoint, never a torn file. Thread-safe within one
/// process; do not share one file between processes.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "SemaphoreSlim holds an unmanaged handle only once AvailableWaitHandle is read, which this class never does.")]
public sealed class FileCheckpointer : ICheckpointer
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private volatile State _state;

    private FileCheckpointer(string path, State state)
    {
        Path = path;
        _state = state;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public ulong? BlockNumber => _state.BlockNumber;

    /// <inheritdoc />
    public string? TransactionId => _state.TransactionId;

    /// <inheritdoc />
    public ValueTask CheckpointBlockAsync(ulong blockNumber, CancellationToken cancellationToken = default)
    {
        if (blockNumber == ulong.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(blockNumber), "The last possible block cannot be followed by another.");
        }

        return SaveAsync(new State(blockNumber + 1, null), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask CheckpointTransactionAsync(ulong blockNumber, string transactionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(transactionId);
        return SaveAsync(new State(blockNumber, transactionId), cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask CheckpointChaincodeEventAsync(ContractEvent chaincodeEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chaincodeEvent);
        return CheckpointTransactionAsync(chaincodeEvent.BlockNumber, chaincodeEvent.TransactionId, cancellationToken);
    }

    internal static async Task<FileCheckpointer> OpenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The folder of checkpoint file '{fullPath}' does not exist.");
        }

        var state = State.Empty;
        if (File.Exists(fullPath))
        {
            var bytes = await File.ReadAllBytesAsync(fullPath, cancellationToken).ConfigureAwait(false);
            state = Parse(bytes, fullPath);
        }

        return new FileCheckpointer(fullPath, state);
    }

    internal static State Parse(ReadOnlySpan<byte> json, string path)
    {
        if (json.Trim((byte)' ').Length == 0)
        {
            return State.Empty;
        }

        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FileCheckpointerException($"Checkpoint file '{path}' does not hold a JSON object.");
            }

            ulong? block = null;
            string? transaction = null;
            if (root.TryGetProperty("blockNumber", out var blockElement))
            {
                block = blockElement.ValueKind switch
                {
                    JsonValueKind.Number when blockElement.TryGetUInt64(out var n) => n,
                    JsonValueKind.String when ulong.TryParse(blockElement.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                    JsonValueKind.Null => null,
                    _ => throw new FileCheckpointerException($"Checkpoint file '{path}': blockNumber must be a non-negative integer or a decimal string, not {blockElement.GetRawText()}."),
                };
            }

            if (root.TryGetProperty("transactionId", out var transactionElement))
            {
                transaction = transactionElement.ValueKind switch
                {
                    JsonValueKind.String => transactionElement.GetString(),
                    JsonValueKind.Null => null,
                    _ => throw new FileCheckpointerException($"Checkpoint file '{path}': transactionId must be a string."),
                };
            }

            if (string.IsNullOrEmpty(transaction))
            {
                transaction = null;
                if (block == 0)
                {
                    block = null;
                }
            }

            if (block is null && transaction is not null)
            {
                throw new FileCheckpointerException($"Checkpoint file '{path}' has a transactionId but no blockNumber.");
            }

            return new State(block, transaction);
        }
        catch (JsonException ex)
        {
            throw new FileCheckpointerException($"Checkpoint file '{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    internal static byte[] Serialize(State state)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (state.BlockNumber is { } block)
            {
                writer.WriteNumber("blockNumber", block);
            }

            if (state.TransactionId is { } transaction)
            {
                writer.WriteString("transactionId", transaction);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async ValueTask SaveAsync(State state, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var temporary = Path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(Serialize(state), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path, overwrite: true);
            _state = state;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public override string ToString() => Encoding.UTF8.GetString(Serialize(_state));

    internal sealed record State(ulong? BlockNumber, string? TransactionId)
    {
        public static State Empty { get; } = new(null, null);
    }
}
