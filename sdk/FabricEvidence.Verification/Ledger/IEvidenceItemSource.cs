namespace FabricEvidence.Verification;

/// <summary>
/// Where <see cref="EvidenceBundleExporter"/> learns which transactions make up an item's life and which items make up
/// a case. <see cref="EvidenceClientItemSource"/> asks the evidence contract; <see cref="InMemoryEvidenceItemSource"/>
/// answers from a table (captured fixtures, tests, an offline copy).
/// </summary>
public interface IEvidenceItemSource
{
    /// <summary>Gets the ids of every transaction in an item's life (record writes, accesses, integrity checks), in any order.</summary>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ids, or null when the ledger has no such item.</returns>
    Task<IReadOnlyList<string>?> GetTransactionIdsAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>Gets the ids of a case's items.</summary>
    /// <param name="caseReference">The case reference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item ids in id order; empty when the case has none.</returns>
    Task<IReadOnlyList<string>> GetCaseItemIdsAsync(string caseReference, CancellationToken cancellationToken = default);
}
