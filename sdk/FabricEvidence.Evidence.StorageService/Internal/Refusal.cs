using FabricEvidence.Evidence.Storage;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>
/// A refused request: HTTP status, a stable machine-readable code (the problem's <c>code</c> member and the end of
/// its <c>type</c> URI), a title per code and a detail that says what to do. Nothing was stored or confirmed.
/// </summary>
internal sealed record Refusal(int Status, string Code, string Title, string Detail)
{
    public const string TypeBase = "https://fabric-evidence.example/problems/";

    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    public long? UploadOffset { get; init; }

    public static Refusal Unauthenticated(string detail) => new(401, "unauthenticated", "Not authenticated", detail);

    public static Refusal Invalid(string detail) => new(400, "invalid-request", "Malformed request", detail);

    public static Refusal LengthMismatch(string detail) => new(400, "length-mismatch", "Length does not match the submitted size", detail);

    public static Refusal NotSubmitter(string evidenceId) => new(403, "not-submitter", "Only the submitter may upload",
        $"Only the identity that submitted '{evidenceId}' on the ledger may upload its content; sign the request with that certificate.");

    public static Refusal NoAccessRecord(string detail) => new(403, "access-not-recorded", "No access record", detail);

    public static Refusal ItemNotFound(string evidenceId) => new(404, "item-not-found", "Unknown item",
        $"The ledger has no evidence item '{evidenceId}'; submit it on the ledger first.");

    public static Refusal UploadNotFound(string evidenceId) => new(404, "upload-not-found", "No upload in progress",
        $"No upload of '{evidenceId}' is in progress.");

    public static Refusal WrongState(string evidenceId, LedgerItemState state, string expected) => new(409, "wrong-state", "Wrong state",
        $"The item '{evidenceId}' is {state} on the ledger; this needs it {expected}.");

    public static Refusal AlreadyStored(string evidenceId, string detail) => new(409, "already-stored", "Already stored",
        $"The content of '{evidenceId}' is already stored; it is written once. {detail}".TrimEnd());

    public static Refusal OffsetMismatch(string evidenceId, long expected, long given) => new(409, "offset-mismatch", "Wrong upload offset",
        $"The upload of '{evidenceId}' continues at offset {expected}, not {given}; send the bytes from {expected} (HEAD tells the offset).") { UploadOffset = expected };

    public static Refusal Busy(string evidenceId) => new(409, "upload-busy", "Upload busy",
        $"Another request is writing the upload of '{evidenceId}'; retry after it ends (HEAD tells the offset).");

    public static Refusal UnsupportedMediaType() => new(415, "unsupported-media-type", "Wrong content type",
        $"Upload chunks are sent as Content-Type: {StorageHeaders.UploadContentType}.");

    public static Refusal DigestMismatch(string evidenceId, ContentDigest declared, ContentDigest computed) => new(422, "digest-mismatch", "Digest does not match",
        $"The content of '{evidenceId}' has the {computed.Algorithm.Name} digest {computed.Hex}, not the submitted {declared.Hex}; nothing was stored. Upload the file that was submitted, from offset 0.")
    {
        Extensions = new Dictionary<string, object?> { ["declaredDigest"] = declared.Hex, ["computedDigest"] = computed.Hex, ["digestAlgorithm"] = computed.Algorithm.Name },
    };

    /// <summary>
    /// The ledger refused the service's own call with one of the contract's codes (the status says whose problem it is:
    /// 404/409/422 the item's, 403 the service's identity), or could not be reached (502).
    /// </summary>
    public static Refusal Ledger(EvidenceLedgerException ex) => ex.Code switch
    {
        "not-found" => new(404, "ledger-not-found", "Not found on the ledger", $"The ledger refused (not-found): {ex.Message}"),
        "conflict" => new(409, "ledger-conflict", "Conflict on the ledger", $"The ledger refused (conflict): {ex.Message}"),
        "wrong-state" => new(409, "ledger-wrong-state", "Wrong state on the ledger", $"The ledger refused (wrong-state): {ex.Message}"),
        "invalid-argument" => new(422, "ledger-invalid-argument", "Refused by the ledger", $"The ledger refused (invalid-argument): {ex.Message}"),
        "forbidden" => new(403, "ledger-forbidden", "The service may not do this on the ledger",
            $"The ledger refused the storage service's identity (forbidden): {ex.Message} Its Fabric identity needs the role 'storage'."),
        _ => new(502, "ledger-unavailable", "Ledger unavailable", $"The ledger could not be asked ({ex.Code}): {ex.Message}"),
    };

    public static Refusal Store(string detail) => new(500, "store-failed", "Storage failed", detail);
}
