namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>The evidence contract's error codes as it writes them (<c>not-found</c>, ...), for <see cref="EvidenceLedgerException.Code"/>.</summary>
internal static class EvidenceCodes
{
    public static string Text(EvidenceErrorCode code) => code switch
    {
        EvidenceErrorCode.NotFound => "not-found",
        EvidenceErrorCode.Conflict => "conflict",
        EvidenceErrorCode.Forbidden => "forbidden",
        EvidenceErrorCode.InvalidArgument => "invalid-argument",
        _ => "wrong-state",
    };
}
