namespace FabricEvidence.Evidence;

/// <summary>Why the evidence contract refused a call: its stable error codes.</summary>
public enum EvidenceErrorCode
{
    /// <summary><c>not-found</c>: the item, hold or private details do not exist (on this peer).</summary>
    NotFound,

    /// <summary><c>conflict</c>: the id is taken, the step was already done, or an offer or request is already open.</summary>
    Conflict,

    /// <summary><c>forbidden</c>: the caller's role or organisation may not do this.</summary>
    Forbidden,

    /// <summary><c>invalid-argument</c>: malformed input.</summary>
    InvalidArgument,

    /// <summary><c>wrong-state</c>: the item's state forbids it (awaiting confirmation, held, disposed, ...).</summary>
    WrongState,
}
