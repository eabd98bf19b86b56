namespace FabricEvidence.Evidence;

/// <summary>The contract refused with <c>invalid-argument</c>: The input is malformed; the message names the field.</summary>
public sealed class EvidenceInvalidArgumentException : EvidenceException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The client operation.</param>
    /// <param name="evidenceId">The item, when the operation names one.</param>
    /// <param name="innerException">The Gateway exception that carried the refusal.</param>
    public EvidenceInvalidArgumentException(string message, string operation, string? evidenceId, Exception? innerException)
        : base(EvidenceErrorCode.InvalidArgument, message, operation, evidenceId, innerException)
    {
    }
}
