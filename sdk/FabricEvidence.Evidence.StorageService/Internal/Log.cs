namespace FabricEvidence.Evidence.StorageService.Internal;

internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Refused {Method} {Path}: {Status} {Code}: {Detail}")]
    public static partial void Refused(ILogger logger, string method, string path, int status, string code, string detail);

    [LoggerMessage(101, LogLevel.Information, "Upload of {EvidenceId} by {MspId} received {Bytes} bytes, now at {Offset} of {Length}")]
    public static partial void UploadProgress(ILogger logger, string evidenceId, string mspId, long bytes, long offset, long length);

    [LoggerMessage(102, LogLevel.Warning, "Upload of {EvidenceId} was cut at offset {Offset} of {Length}: {Reason}; it resumes from there")]
    public static partial void UploadCut(ILogger logger, string evidenceId, long offset, long length, string reason);

    [LoggerMessage(103, LogLevel.Information, "Stored {EvidenceId} as version {Version} and confirmed it in transaction {TransactionId} ({State})")]
    public static partial void StoredAndConfirmed(ILogger logger, string evidenceId, string version, string transactionId, LedgerItemState state);

    [LoggerMessage(104, LogLevel.Error, "Stored {EvidenceId} as version {Version} but could not confirm it on the ledger ({Code}); the integrity schedule retries")]
    public static partial void ConfirmationFailed(ILogger logger, string evidenceId, string version, string code, Exception exception);

    [LoggerMessage(105, LogLevel.Information, "Serving {EvidenceId} version {Version} to {MspId} under access record {TransactionId}")]
    public static partial void Serving(ILogger logger, string evidenceId, string version, string mspId, string transactionId);

    [LoggerMessage(106, LogLevel.Critical, "The content of {EvidenceId} served now has the digest {Computed}, not the recorded {Recorded}: the stored object was altered; the download was aborted")]
    public static partial void ServedDigestMismatch(ILogger logger, string evidenceId, string computed, string recorded);

    [LoggerMessage(107, LogLevel.Information, "Integrity check of {EvidenceId} version {Version}: {Result} (transaction {TransactionId})")]
    public static partial void IntegrityChecked(ILogger logger, string evidenceId, string version, string result, string transactionId);

    [LoggerMessage(108, LogLevel.Warning, "Stored object {Key} has no item on the ledger")]
    public static partial void Orphan(ILogger logger, string key);

    [LoggerMessage(109, LogLevel.Error, "Integrity check of {EvidenceId} failed")]
    public static partial void IntegrityFailed(ILogger logger, string evidenceId, Exception exception);

    [LoggerMessage(110, LogLevel.Information, "Integrity run: {Checked} checked, {Matched} matched, {Mismatched} mismatched, {Confirmed} confirmed late, {Orphans} without item, {Failed} failed")]
    public static partial void IntegrityRun(ILogger logger, int @checked, int matched, int mismatched, int confirmed, int orphans, int failed);

    [LoggerMessage(111, LogLevel.Critical, "Object {EvidenceId} is version {Actual} in the store but the ledger confirmed version {Recorded}; refusing to serve it")]
    public static partial void VersionMismatch(ILogger logger, string evidenceId, string actual, string recorded);
}
