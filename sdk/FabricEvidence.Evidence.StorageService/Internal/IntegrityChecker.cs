using FabricEvidence.Evidence.Storage;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>What one integrity run did.</summary>
internal sealed record IntegrityRunSummary(int Checked, int Matched, int Mismatched, int Confirmed, int Orphans, int Failed);

/// <summary>
/// Hashes every stored object again with its item's algorithm and records the result on the ledger
/// (<c>RecordIntegrityCheck</c>; a mismatch flags the item there). An object stored but never confirmed (the
/// ledger failed after the upload) is confirmed now with the digest computed now. Items are locked as uploads are,
/// so a run never races an upload's own confirmation.
/// </summary>
internal sealed class IntegrityChecker(
    IEvidenceObjectStore store,
    IEvidenceLedger ledger,
    ItemLocks locks,
    StorageTelemetry telemetry,
    IOptions<StorageServiceOptions> options,
    ILogger<IntegrityChecker> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneRun = new(1, 1);

    public async Task<IntegrityRunSummary> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _oneRun.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int checkedCount = 0, matched = 0, mismatched = 0, confirmed = 0, orphans = 0, failed = 0;
            await foreach (var stored in store.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                using var lease = await locks.TryAcquireAsync(stored.Key, options.Value.UploadLockTimeout, cancellationToken).ConfigureAwait(false);
                if (lease is null)
                {
                    failed++;
                    continue;
                }

                try
                {
                    var item = await ledger.GetItemAsync(stored.Key, cancellationToken).ConfigureAwait(false);
                    switch (item?.State)
                    {
                        case null:
                            orphans++;
                            Log.Orphan(logger, stored.Key);
                            break;
                        case LedgerItemState.Submitted:
                            var (version, digest, length) = await HashAsync(stored.Key, item.Digest.Algorithm, cancellationToken).ConfigureAwait(false);
                            var confirmation = await ledger.ConfirmStorageAsync(new StorageConfirmation(item.EvidenceId, digest, length, stored.Location, version), cancellationToken).ConfigureAwait(false);
                            confirmed++;
                            Log.StoredAndConfirmed(logger, item.EvidenceId, version, confirmation.TransactionId, confirmation.State);
                            break;
                        case LedgerItemState.Stored:
                            using (var activity = StorageTelemetry.Source.StartActivity("StorageService.IntegrityCheck"))
                            {
                                activity?.SetTag("evidence.id", item.EvidenceId);
                                var (v, d, _) = await HashAsync(stored.Key, item.Digest.Algorithm, cancellationToken).ConfigureAwait(false);
                                var result = await ledger.RecordIntegrityCheckAsync(new IntegrityAttestation(item.EvidenceId, d, v), cancellationToken).ConfigureAwait(false);
                                checkedCount++;
                                var outcome = result.Matched && d == item.Digest ? "Match" : "Mismatch";
                                if (outcome == "Match")
                                {
                                    matched++;
                                }
                                else
                                {
                                    mismatched++;
                                }

                                telemetry.IntegrityChecked(outcome);
                                Log.IntegrityChecked(logger, item.EvidenceId, v, outcome, result.TransactionId);
                            }

                            break;
                    }
                }
                catch (Exception ex) when (ex is EvidenceLedgerException or ObjectStoreException or IOException)
                {
                    failed++;
                    Log.IntegrityFailed(logger, stored.Key, ex);
                }
            }

            Log.IntegrityRun(logger, checkedCount, matched, mismatched, confirmed, orphans, failed);
            return new IntegrityRunSummary(checkedCount, matched, mismatched, confirmed, orphans, failed);
        }
        finally
        {
            _oneRun.Release();
        }
    }

    public void Dispose() => _oneRun.Dispose();

    private async Task<(string Version, ContentDigest Digest, long Length)> HashAsync(string key, DigestAlgorithm algorithm, CancellationToken cancellationToken)
    {
        var content = await store.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
        await using (content.ConfigureAwait(false))
        {
            var (digest, length) = await EvidenceDigest.ComputeAsync(content.Content, algorithm, null, cancellationToken).ConfigureAwait(false);
            return (content.Info.Version, new ContentDigest(algorithm, digest), length);
        }
    }
}
