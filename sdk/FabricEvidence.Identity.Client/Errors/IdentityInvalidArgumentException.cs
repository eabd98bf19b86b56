namespace FabricEvidence.Identity.Client;

/// <summary>The contract refused with <c>invalid-argument</c>: malformed input, or a credential or presentation that fails a check.</summary>
public sealed class IdentityInvalidArgumentException : IdentityException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The contract transaction.</param>
    /// <param name="subject">What it named, if anything.</param>
    /// <param name="innerException">The Gateway exception.</param>
    public IdentityInvalidArgumentException(string message, string operation, string? subject, Exception? innerException)
        : base(IdentityErrorCode.InvalidArgument, message, operation, subject, innerException)
    {
    }
}
