namespace FabricEvidence.Chaincode.Testing.Internal;

/// <summary>An iterator over results computed up front; remembers how far it was read, which phantom detection needs.</summary>
internal sealed class ListQueryIterator<T> : IStateQueryIterator<T>
{
    private readonly IReadOnlyList<T> _items;
    private int _consumed;
    private bool _disposed;

    public ListQueryIterator(IReadOnlyList<T> items)
    {
        _items = items;
    }

    /// <summary>How many results the transaction has read.</summary>
    public int Consumed => _consumed;

    /// <summary>Whether the transaction read to the end.</summary>
    public bool Exhausted => _consumed >= _items.Count;

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new Enumerator(this, cancellationToken);
    }

    private sealed class Enumerator(ListQueryIterator<T> owner, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private int _index = -1;

        public T Current => owner._items[_index];

        public ValueTask<bool> MoveNextAsync()
        {
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(owner._disposed, owner);
            if (_index + 1 >= owner._items.Count)
            {
                _index = owner._items.Count;
                owner._disposed = true;
                return ValueTask.FromResult(false);
            }

            _index++;
            owner._consumed = Math.Max(owner._consumed, _index + 1);
            return ValueTask.FromResult(true);
        }

        // Ending an await foreach (also by break) closes the query, as the real iterator does.
        public ValueTask DisposeAsync() => owner.DisposeAsync();
    }
}
