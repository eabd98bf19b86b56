using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Chaincode.Internal.Shim;

/// <summary>
/// Writes buffered between StartWriteBatch and FinishWriteBatch. As in Fabric's Go shim, a later data write (put,
/// delete, purge) of the same key replaces an earlier one, and so does a later metadata write; unlike the Go shim the
/// records go out in the order their keys were first written, so the batch a transaction sends is deterministic.
/// </summary>
internal sealed class WriteBatch
{
    private readonly Dictionary<(string Collection, string Key, bool Metadata), int> _index = new();
    private readonly List<WriteRecord> _records = new();

    private bool _sealed;

    public int Count => _records.Count;

    /// <summary>Buffers a write; <see langword="false"/> once the batch is being sent (the write must then go on its own).</summary>
    public bool TryAdd(WriteRecord record)
    {
        lock (_records)
        {
            if (_sealed)
            {
                return false;
            }

            Add(record);
            return true;
        }
    }

    /// <summary>Stops buffering; writes racing with the flush go out one by one instead of being lost.</summary>
    public void Seal()
    {
        lock (_records)
        {
            _sealed = true;
        }
    }

    private void Add(WriteRecord record)
    {
        var slot = (record.Collection, record.Key, record.Type == WriteRecord.Types.Type.PutStateMetadata);
        if (_index.TryGetValue(slot, out var position))
        {
            _records[position] = record;
        }
        else
        {
            _index.Add(slot, _records.Count);
            _records.Add(record);
        }
    }

    /// <summary>The records in chunks of at most <paramref name="chunkSize"/>.</summary>
    public IEnumerable<WriteBatchState> Chunks(int chunkSize)
    {
        for (var start = 0; start < _records.Count; start += chunkSize)
        {
            var chunk = new WriteBatchState();
            chunk.Rec.AddRange(_records.GetRange(start, Math.Min(chunkSize, _records.Count - start)));
            yield return chunk;
        }
    }
}
