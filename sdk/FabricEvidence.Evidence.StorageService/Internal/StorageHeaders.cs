namespace FabricEvidence.Evidence.StorageService.Internal;

internal static class StorageHeaders
{
    public const string UploadOffset = "Upload-Offset";
    public const string UploadLength = "Upload-Length";
    public const string AccessTransaction = "Evidence-Access-Transaction";
    public const string DigestAlgorithm = "Evidence-Digest-Algorithm";
    public const string Digest = "Evidence-Digest";
    public const string ObjectVersion = "Evidence-Object-Version";
    public const string UploadContentType = "application/offset+octet-stream";
}
