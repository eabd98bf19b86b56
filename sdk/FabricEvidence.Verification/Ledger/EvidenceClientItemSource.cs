using FabricEvidence.Evidence;

namespace FabricEvidence.Verification;

/// <summary>
/// An <see cref="IEvidenceItemSource"/> over the evidence contract's typed client: an item's transactions are those of
/// its record history (<c>GetHistory</c>), its access records and its integrity checks; a case's items come from
/// <c>ListByCase</c>.
/// </summary>
public sealed class EvidenceClientItemSource : IEvidenceItemSource
{
    private readonly EvidenceClient _client;

    /// <summary>Creates a source over <paramref name="client"/>.</summary>
    /// <param name="client">The evidence client; its identity must be allowed to read the records.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public EvidenceClientItemSource(EvidenceClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <inheritdoc/>
    /// <exception cref="EvidenceException">The contract refused for another reason than an unknown item.</exception>
    public async Task<IReadOnlyList<string>?> GetTransactionIdsAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        IReadOnlyList<HistoryEntry> history;
        try
        {
            history = await _client.GetHistoryAsync(itemId, cancellationToken).ConfigureAwait(false);
        }
        catch (EvidenceNotFoundException)
        {
            return null;
        }

        var ids = new List<string>(history.Select(h => h.TxId));
        await foreach (var access in _client.ListAccessRecordsAsync(itemId, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(access.Accessed.TxId);
        }

        await foreach (var check in _client.ListIntegrityChecksAsync(itemId, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(check.Checked.TxId);
        }

        return [.. ids.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> GetCaseItemIdsAsync(string caseReference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseReference);
        var ids = new List<string>();
        await foreach (var record in _client.ListByCaseAsync(caseReference, cancellationToken).ConfigureAwait(false))
        {
            ids.Add(record.Id);
        }

        return ids;
    }
}
