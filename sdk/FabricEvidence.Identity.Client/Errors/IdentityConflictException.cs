namespace FabricEvidence.Identity.Client;

/// <summary>The contract refused with <c>conflict</c>: the id is taken or the step was already done.</summary>
public sealed class IdentityConflictException : IdentityException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The contract transaction.</param>
    /// <param name="subject">What it named, if anything.</param>
    /// <param name="innerException">The Gateway exception.</param>
    public IdentityConflictException(string message, string operation, string? subject, Exception? innerException)
        : base(IdentityErrorCode.Conflict, message, operation, subject, innerException)
    {
    }
}
