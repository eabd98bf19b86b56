namespace FabricEvidence.Evidence;

/// <summary>The contract refused with <c>conflict</c>: The id is taken, the step was already done (a replayed confirmation), or an offer or request is already open.</summary>
public sealed class EvidenceConflictException : EvidenceException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The client operation.</param>
    /// <param name="evidenceId">The item, when the operation names one.</param>
    /// <param name="innerException">The Gateway exception that carried the refusal.</param>
    public EvidenceConflictException(string message, string operation, string? evidenceId, Exception? innerException)
        : base(EvidenceErrorCode.Conflict, message, operation, evidenceId, innerException)
    {
    }
}
