using Microsoft.Extensions.Logging;

namespace FabricEvidence.Evidence.Storage.Internal;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Upload of {Key} started: {Length} bytes, {DigestAlgorithm}")]
    public static partial void UploadStarted(ILogger logger, string key, long length, string digestAlgorithm);

    [LoggerMessage(2, LogLevel.Information, "Upload of {Key} reopened at offset {Offset}")]
    public static partial void UploadReopened(ILogger logger, string key, long offset);

    [LoggerMessage(3, LogLevel.Information, "Stored {Key} version {Version}: {Length} bytes, {DigestAlgorithm} {Digest}")]
    public static partial void ObjectStored(ILogger logger, string key, string version, long length, string digestAlgorithm, string digest);

    [LoggerMessage(4, LogLevel.Information, "Upload of {Key} aborted")]
    public static partial void UploadAborted(ILogger logger, string key);

    [LoggerMessage(5, LogLevel.Warning, "The bucket {Bucket} has no Object Lock ({Reason}); objects are protected by conditional writes only")]
    public static partial void NoObjectLock(ILogger logger, string bucket, string reason);

    [LoggerMessage(6, LogLevel.Information, "Uploaded part {PartNumber} of {Key} ({Bytes} bytes)")]
    public static partial void PartUploaded(ILogger logger, string key, int partNumber, long bytes);

    [LoggerMessage(7, LogLevel.Warning, "The service cannot abort the multipart upload of {Key} ({ErrorCode}); its parts stay invisible until the bucket's lifecycle rule removes them")]
    public static partial void AbortUnsupported(ILogger logger, string key, string errorCode);
}
