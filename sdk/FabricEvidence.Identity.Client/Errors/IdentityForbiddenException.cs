namespace FabricEvidence.Identity.Client;

/// <summary>The contract refused with <c>forbidden</c>: the caller may not do this, or the verifier has no live consent.</summary>
public sealed class IdentityForbiddenException : IdentityException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The contract transaction.</param>
    /// <param name="subject">What it named, if anything.</param>
    /// <param name="innerException">The Gateway exception.</param>
    public IdentityForbiddenException(string message, string operation, string? subject, Exception? innerException)
        : base(IdentityErrorCode.Forbidden, message, operation, subject, innerException)
    {
    }
}
