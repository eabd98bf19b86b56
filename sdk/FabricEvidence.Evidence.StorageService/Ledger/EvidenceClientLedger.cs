using FabricEvidence.Evidence.Storage;
using FabricEvidence.Gateway;

namespace FabricEvidence.Evidence.StorageService;

/// <summary>
/// The production <see cref="IEvidenceLedger"/>: the typed evidence client, signing with the service's own Fabric
/// identity (role <c>storage</c>). The contract's refusals become <see cref="EvidenceLedgerException"/> with the
/// contract's code; failures to reach the peer carry <see cref="EvidenceLedgerException.UnavailableCode"/>.
/// </summary>
/// <param name="client">A client whose gateway signs as the storage service's identity.</param>
public sealed class EvidenceClientLedger(EvidenceClient client) : IEvidenceLedger
{
    private readonly EvidenceClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    public Task<LedgerItem?> GetItemAsync(string evidenceId, CancellationToken cancellationToken = default) => CallAsync<LedgerItem?>(async () =>
    {
        try
        {
            return Map(await _client.GetEvidenceAsync(evidenceId, cancellationToken).ConfigureAwait(false));
        }
        catch (EvidenceNotFoundException)
        {
            return null;
        }
    });

    /// <inheritdoc />
    public Task<LedgerTransactionResult> ConfirmStorageAsync(StorageConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        return CallAsync(async () =>
        {
            var record = await _client.ConfirmStorageAsync(new ConfirmStorageRequest
            {
                EvidenceId = confirmation.EvidenceId,
                DigestAlgorithm = confirmation.ComputedDigest.Algorithm,
                ComputedDigest = confirmation.ComputedDigest.Hex,
                Size = confirmation.Size,
                ObjectLocation = confirmation.ObjectLocation,
                ObjectVersion = confirmation.ObjectVersion,
            }, cancellationToken).ConfigureAwait(false);
            return new LedgerTransactionResult(record.LastChange.By.TxId, State(record.State), record.Storage?.Matched ?? false);
        });
    }

    /// <inheritdoc />
    public Task<LedgerAccessRecord?> FindAccessRecordAsync(string evidenceId, string transactionId, CancellationToken cancellationToken = default) => CallAsync<LedgerAccessRecord?>(async () =>
    {
        await foreach (var access in _client.ListAccessRecordsAsync(evidenceId, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(access.Accessed.TxId, transactionId, StringComparison.Ordinal))
            {
                return new LedgerAccessRecord(evidenceId, transactionId, new LedgerParty(access.Accessed.MspId, access.Accessed.CertificateFingerprint),
                    access.Purpose, access.Accessed.Timestamp.ToDateTimeOffset());
            }
        }

        return null;
    });

    /// <inheritdoc />
    public Task<LedgerTransactionResult> RecordIntegrityCheckAsync(IntegrityAttestation attestation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        return CallAsync(async () =>
        {
            var check = await _client.RecordIntegrityCheckAsync(new RecordIntegrityCheckRequest
            {
                EvidenceId = attestation.EvidenceId,
                DigestAlgorithm = attestation.ComputedDigest.Algorithm,
                ComputedDigest = attestation.ComputedDigest.Hex,
                ObjectVersion = attestation.ObjectVersion,
            }, cancellationToken).ConfigureAwait(false);
            return new LedgerTransactionResult(check.Checked.TxId, LedgerItemState.Stored, check.Result == IntegrityResult.Match);
        });
    }

    private static LedgerItem Map(EvidenceRecord record)
    {
        var algorithm = DigestAlgorithm.FromName(record.DigestAlgorithm);
        return new LedgerItem(
            record.Id,
            State(record.State),
            new ContentDigest(algorithm, record.Digest),
            record.Size,
            new LedgerParty(record.Submitted.MspId, record.Submitted.CertificateFingerprint),
            record.Storage is { } storage ? new LedgerStorageRecord(new ContentDigest(algorithm, storage.ComputedDigest), storage.Size, storage.ObjectLocation, storage.ObjectVersion) : null);
    }

    private static LedgerItemState State(EvidenceState state) => state switch
    {
        EvidenceState.Submitted => LedgerItemState.Submitted,
        EvidenceState.Stored => LedgerItemState.Stored,
        EvidenceState.Rejected => LedgerItemState.Rejected,
        _ => LedgerItemState.Disposed,
    };

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (EvidenceException ex)
        {
            throw new EvidenceLedgerException(Internal.EvidenceCodes.Text(ex.Code), ex.ContractMessage, ex);
        }
        catch (Exception ex) when (ex is GatewayException or CommitException or HttpRequestException)
        {
            throw new EvidenceLedgerException(EvidenceLedgerException.UnavailableCode, ex.Message, ex);
        }
    }
}
