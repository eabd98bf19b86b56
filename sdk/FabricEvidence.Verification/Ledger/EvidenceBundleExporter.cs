namespace FabricEvidence.Verification;

/// <summary>
/// Exports evidence bundles in one call: for an item id (or a case reference) it asks an
/// <see cref="IEvidenceItemSource"/> for the transactions and builds the bundle from an <see cref="IBlockSource"/>.
/// </summary>
/// <example>
/// <code>
/// var network = gateway.GetNetwork("evidence");
/// var exporter = new EvidenceBundleExporter(new GatewayBlockSource(network), new EvidenceClientItemSource(new EvidenceClient(gateway)));
/// var bundle = await exporter.ExportItemAsync("EV-2026-0001", ct);
/// await bundle.WriteToFileAsync("EV-2026-0001.bundle.zip", ct);
/// </code>
/// </example>
public sealed class EvidenceBundleExporter
{
    private readonly EvidenceBundleBuilder _builder;
    private readonly IEvidenceItemSource _items;
    private readonly string _chaincode;

    /// <summary>Creates an exporter.</summary>
    /// <param name="blocks">Where blocks come from.</param>
    /// <param name="items">Where items' transactions come from.</param>
    /// <param name="chaincode">The chaincode that records the items; defaults to <c>evidence</c>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public EvidenceBundleExporter(IBlockSource blocks, IEvidenceItemSource items, string chaincode = "evidence")
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrEmpty(chaincode);
        _builder = new EvidenceBundleBuilder(blocks);
        _items = items;
        _chaincode = chaincode;
    }

    /// <summary>Exports the bundle of one item.</summary>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="EvidenceItemNotFoundException">The ledger has no such item.</exception>
    /// <exception cref="BundleBuildException">The ledger does not hold what the item's history names.</exception>
    public Task<EvidenceBundle> ExportItemAsync(string itemId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return ExportItemsAsync([itemId], cancellationToken);
    }

    /// <summary>Exports one bundle with several items (e.g. the items a court asks about).</summary>
    /// <param name="itemIds">The items, at least one.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="EvidenceItemNotFoundException">The ledger has no item with one of the ids.</exception>
    /// <exception cref="BundleBuildException">The ledger does not hold what an item's history names.</exception>
    public async Task<EvidenceBundle> ExportItemsAsync(IReadOnlyList<string> itemIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        if (itemIds.Count == 0)
        {
            throw new ArgumentException("At least one item id is needed.", nameof(itemIds));
        }

        var requests = new List<BundleItemRequest>(itemIds.Count);
        foreach (var itemId in itemIds.Distinct(StringComparer.Ordinal))
        {
            var transactions = await _items.GetTransactionIdsAsync(itemId, cancellationToken).ConfigureAwait(false);
            if (transactions is null || transactions.Count == 0)
            {
                throw new EvidenceItemNotFoundException(itemId, $"The ledger has no evidence item '{itemId}'.");
            }

            requests.Add(new BundleItemRequest { ItemId = itemId, TransactionIds = transactions });
        }

        return await _builder.BuildAsync(new BundleRequest { Chaincode = _chaincode, Items = requests }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exports the bundle of every item of a case.</summary>
    /// <param name="caseReference">The case reference.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The bundle.</returns>
    /// <exception cref="EvidenceItemNotFoundException">The case has no items.</exception>
    public async Task<EvidenceBundle> ExportCaseAsync(string caseReference, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caseReference);
        var items = await _items.GetCaseItemIdsAsync(caseReference, cancellationToken).ConfigureAwait(false);
        if (items.Count == 0)
        {
            throw new EvidenceItemNotFoundException(caseReference, $"The ledger has no evidence items for case '{caseReference}'.");
        }

        return await ExportItemsAsync(items, cancellationToken).ConfigureAwait(false);
    }
}
