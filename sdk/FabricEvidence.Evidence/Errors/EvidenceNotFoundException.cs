namespace FabricEvidence.Evidence;

/// <summary>The contract refused with <c>not-found</c>: The item, hold or private details do not exist (on the peer that answered).</summary>
public sealed class EvidenceNotFoundException : EvidenceException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The client operation.</param>
    /// <param name="evidenceId">The item, when the operation names one.</param>
    /// <param name="innerException">The Gateway exception that carried the refusal.</param>
    public EvidenceNotFoundException(string message, string operation, string? evidenceId, Exception? innerException)
        : base(EvidenceErrorCode.NotFound, message, operation, evidenceId, innerException)
    {
    }
}
