namespace FabricEvidence.Evidence.Contract;

/// <summary>
/// The machine-readable codes of <see cref="FabricEvidence.Chaincode.ChaincodeException.Code"/> this contract fails
/// with. A client sees the error message as <c>code: message</c>; the code is stable across versions, the message
/// text is for people and may change.
/// </summary>
public static class EvidenceErrorCodes
{
    /// <summary>The evidence item (or the hold, or the private details on this peer) does not exist.</summary>
    public const string NotFound = "not-found";

    /// <summary>
    /// The operation would create something that already exists or was already done: an id that is taken, a second
    /// storage confirmation, a second invalidation, a second open transfer offer or disposal request, a hold id in use.
    /// </summary>
    public const string Conflict = "conflict";

    /// <summary>
    /// The caller's certificate does not allow the operation: wrong <c>role</c> attribute, wrong organisation (MSP id),
    /// or a certificate that cannot be read.
    /// </summary>
    public const string Forbidden = "forbidden";

    /// <summary>An argument or transient input is malformed, too long, or holds forbidden characters.</summary>
    public const string InvalidArgument = "invalid-argument";

    /// <summary>
    /// The item's state does not allow the operation: not yet confirmed by storage, rejected, disposed, under legal
    /// hold, a transfer or disposal pending (or not), retention not yet expired.
    /// </summary>
    public const string WrongState = "wrong-state";
}
