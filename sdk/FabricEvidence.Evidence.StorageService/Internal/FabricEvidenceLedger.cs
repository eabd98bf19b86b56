using FabricEvidence.Evidence.Storage;
using FabricEvidence.Gateway;
using Grpc.Core;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>
/// The ledger through the typed evidence client, signing with the service's own Fabric identity (role
/// <c>storage</c>). The contract's refusals keep their codes; failures to reach or commit become
/// <see cref="EvidenceLedgerException.UnavailableCode"/>, so that the handlers answer 5xx rather than blame the caller.
/// </summary>
internal sealed class FabricEvidenceLedger(EvidenceClient client) : IEvidenceLedger
{
    public async Task<LedgerItem?> GetItemAsync(string evidenceId, CancellationToken cancellationToken = default)
    {
        EvidenceRecord record;
        try
        {
            record = await client.GetEvidenceAsync(evidenceId, cancellationToken).ConfigureAwait(false);
        }
        catch (EvidenceNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (Translate(ex, "GetEvidence", evidenceId) is { } translated)
        {
            throw translated;
        }

        var algorithm = DigestAlgorithm.FromName(record.DigestAlgorithm);
        var storage = record.Storage is { } s
            ? new LedgerStorageRecord(new ContentDigest(algorithm, s.ComputedDigest), s.Size, s.ObjectLocation, s.ObjectVersion)
            : null;
        return new LedgerItem(
            record.Id,
            ToState(record.State),
            new ContentDigest(algorithm, record.Digest),
            record.Size,
            new LedgerParty(record.Submitted.MspId, record.Submitted.CertificateFingerprint),
            storage);
    }

    public async Task<LedgerTransactionResult> ConfirmStorageAsync(StorageConfirmation confirmation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        try
        {
            var record = await client.ConfirmStorageAsync(
                new ConfirmStorageRequest
                {
                    EvidenceId = confirmation.EvidenceId,
                    DigestAlgorithm = confirmation.ComputedDigest.Algorithm,
                    ComputedDigest = confirmation.ComputedDigest.Hex,
                    Size = confirmation.Size,
                    ObjectLocation = confirmation.ObjectLocation,
                    ObjectVersion = confirmation.ObjectVersion,
                },
                cancellationToken).ConfigureAwait(false);
            var receipt = record.Storage ?? throw new EvidenceLedgerException(
                EvidenceLedgerException.UnavailableCode, $"ConfirmStorage of '{confirmation.EvidenceId}' committed but the record it returned has no storage receipt.");
            return new LedgerTransactionResult(receipt.Confirmed.TxId, ToState(record.State), receipt.Matched);
        }
        catch (Exception ex) when (Translate(ex, "ConfirmStorage", confirmation.EvidenceId) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<LedgerAccessRecord?> FindAccessRecordAsync(string evidenceId, string transactionId, CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var record in client.ListAccessRecordsAsync(evidenceId, cancellationToken).ConfigureAwait(false))
            {
                if (string.Equals(record.Accessed.TxId, transactionId, StringComparison.Ordinal))
                {
                    return new LedgerAccessRecord(
                        record.EvidenceId,
                        record.Accessed.TxId,
                        new LedgerParty(record.Accessed.MspId, record.Accessed.CertificateFingerprint),
                        record.Purpose,
                        record.Accessed.Timestamp.ToDateTimeOffset());
                }
            }

            return null;
        }
        catch (EvidenceNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (Translate(ex, "ListAccessRecords", evidenceId) is { } translated)
        {
            throw translated;
        }
    }

    public async Task<LedgerTransactionResult> RecordIntegrityCheckAsync(IntegrityAttestation attestation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        try
        {
            var check = await client.RecordIntegrityCheckAsync(
                new RecordIntegrityCheckRequest
                {
                    EvidenceId = attestation.EvidenceId,
                    DigestAlgorithm = attestation.ComputedDigest.Algorithm,
                    ComputedDigest = attestation.ComputedDigest.Hex,
                    ObjectVersion = attestation.ObjectVersion,
                },
                cancellationToken).ConfigureAwait(false);

            // An attestation does not change the item's state; a mismatch flags it (IntegrityStatus) instead.
            return new LedgerTransactionResult(check.Checked.TxId, LedgerItemState.Stored, check.Result == IntegrityResult.Match);
        }
        catch (Exception ex) when (Translate(ex, "RecordIntegrityCheck", attestation.EvidenceId) is { } translated)
        {
            throw translated;
        }
    }

    private static LedgerItemState ToState(EvidenceState state) => state switch
    {
        EvidenceState.Submitted => LedgerItemState.Submitted,
        EvidenceState.Stored => LedgerItemState.Stored,
        EvidenceState.Rejected => LedgerItemState.Rejected,
        _ => LedgerItemState.Disposed,
    };

    // The contract's own spelling, which EvidenceLedgerException.Code documents.
    private static string CodeText(EvidenceErrorCode code) => code switch
    {
        EvidenceErrorCode.NotFound => "not-found",
        EvidenceErrorCode.Conflict => "conflict",
        EvidenceErrorCode.Forbidden => "forbidden",
        EvidenceErrorCode.InvalidArgument => "invalid-argument",
        _ => "wrong-state",
    };

    /// <summary>The contract's refusal with its code, or a ledger that could not be reached; null for anything else (a bug, cancellation).</summary>
    private static EvidenceLedgerException? Translate(Exception exception, string operation, string evidenceId) => exception switch
    {
        EvidenceException refused => new EvidenceLedgerException(CodeText(refused.Code), refused.Message, refused),
        GatewayException or CommitException or RpcException or HttpRequestException => new EvidenceLedgerException(
            EvidenceLedgerException.UnavailableCode, $"{operation} of '{evidenceId}' failed on the way to the ledger: {exception.Message}", exception),
        _ => null,
    };
}
