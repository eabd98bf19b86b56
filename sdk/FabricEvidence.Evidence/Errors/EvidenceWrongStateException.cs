namespace FabricEvidence.Evidence;

/// <summary>The contract refused with <c>wrong-state</c>: The item's state forbids the step (awaiting confirmation, under hold, disposed, retention not passed, ...).</summary>
public sealed class EvidenceWrongStateException : EvidenceException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The client operation.</param>
    /// <param name="evidenceId">The item, when the operation names one.</param>
    /// <param name="innerException">The Gateway exception that carried the refusal.</param>
    public EvidenceWrongStateException(string message, string operation, string? evidenceId, Exception? innerException)
        : base(EvidenceErrorCode.WrongState, message, operation, evidenceId, innerException)
    {
    }
}
