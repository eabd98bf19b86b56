namespace FabricEvidence.Verification;

/// <summary>An <see cref="IEvidenceItemSource"/> that answers from tables given at construction.</summary>
public sealed class InMemoryEvidenceItemSource : IEvidenceItemSource
{
    private readonly Dictionary<string, IReadOnlyList<string>> _items;
    private readonly Dictionary<string, IReadOnlyList<string>> _cases;

    /// <summary>Creates a source.</summary>
    /// <param name="transactionsByItem">Each item's transaction ids.</param>
    /// <param name="itemsByCase">Each case's item ids; none by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transactionsByItem"/> is null.</exception>
    public InMemoryEvidenceItemSource(IReadOnlyDictionary<string, IReadOnlyList<string>> transactionsByItem, IReadOnlyDictionary<string, IReadOnlyList<string>>? itemsByCase = null)
    {
        ArgumentNullException.ThrowIfNull(transactionsByItem);
        _items = new(transactionsByItem, StringComparer.Ordinal);
        _cases = itemsByCase is null ? new(StringComparer.Ordinal) : new(itemsByCase, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>?> GetTransactionIdsAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemId);
        return Task.FromResult(_items.TryGetValue(itemId, out var ids) ? ids : null);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> GetCaseItemIdsAsync(string caseReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caseReference);
        return Task.FromResult(_cases.TryGetValue(caseReference, out var ids) ? ids : (IReadOnlyList<string>)[]);
    }
}
