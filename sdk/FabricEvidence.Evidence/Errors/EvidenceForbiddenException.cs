namespace FabricEvidence.Evidence;

/// <summary>The contract refused with <c>forbidden</c>: The caller's role or organisation may not do this; act as an identity with the right <c>role</c> attribute.</summary>
public sealed class EvidenceForbiddenException : EvidenceException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The client operation.</param>
    /// <param name="evidenceId">The item, when the operation names one.</param>
    /// <param name="innerException">The Gateway exception that carried the refusal.</param>
    public EvidenceForbiddenException(string message, string operation, string? evidenceId, Exception? innerException)
        : base(EvidenceErrorCode.Forbidden, message, operation, evidenceId, innerException)
    {
    }
}
