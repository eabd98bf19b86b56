using System.Threading.Tasks.Sources;

namespace FabricEvidence.Chaincode.Internal.Transport;

/// <summary>
/// The request messages of one stream, for exactly one consumer. The connection's reader thread adds messages; a
/// waiting consumer is resumed on that thread, without a thread-pool hop. That is safe because the consumer (the
/// chaincode connection's dispatch loop) never runs chaincode code itself: it hands transactions and replies to the
/// thread pool and comes back for the next message.
/// </summary>
internal sealed class RequestQueue<T> : IAsyncEnumerable<T>, IValueTaskSource<bool>
    where T : class
{
    private readonly Queue<T> _items = new();
    private readonly object _lock = new();
    private ManualResetValueTaskSourceCore<bool> _waiter; // RunContinuationsAsynchronously stays false: see the summary.
    private bool _waiting;
    private bool _completed;
    private Exception? _failure;
    private T? _current;
    private int _enumerated;

    /// <summary>Adds a message; <see langword="false"/> when the queue has already been completed.</summary>
    public bool Add(T item)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return false;
            }

            if (!_waiting)
            {
                _items.Enqueue(item);
                return true;
            }

            _waiting = false;
            _current = item;
        }

        _waiter.SetResult(true);
        return true;
    }

    /// <summary>Ends the sequence after the messages already added (<paramref name="failure"/> null), or at once with an error.</summary>
    public void Complete(Exception? failure = null)
    {
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _failure = failure;
            if (failure is not null)
            {
                _items.Clear();
            }

            wake = _waiting && (failure is not null || _items.Count == 0);
            if (wake)
            {
                _waiting = false;
            }
        }

        if (wake)
        {
            if (failure is not null)
            {
                _waiter.SetException(failure);
            }
            else
            {
                _waiter.SetResult(false);
            }
        }
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("The request stream can be enumerated only once.");
        }

        return new Enumerator(this, cancellationToken);
    }

    private ValueTask<bool> MoveNextAsync()
    {
        lock (_lock)
        {
            if (_items.TryDequeue(out var item))
            {
                _current = item;
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return _failure is null ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(_failure);
            }

            _waiter.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _waiter.Version);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => _waiter.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _waiter.OnCompleted(continuation, state, token, flags);

    private sealed class Enumerator(RequestQueue<T> queue, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private CancellationTokenRegistration _registration = cancellationToken.Register(
            static state => ((RequestQueue<T>)state!).Complete(new OperationCanceledException("Reading the request stream was cancelled.")), queue);

        public T Current => queue._current ?? throw new InvalidOperationException("MoveNextAsync has not returned true.");

        public ValueTask<bool> MoveNextAsync()
        {
            cancellationToken.ThrowIfCancellationRequested();
            return queue.MoveNextAsync();
        }

        public ValueTask DisposeAsync()
        {
            _registration.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
