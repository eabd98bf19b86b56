namespace FabricEvidence.Identity.Client;

/// <summary>The contract refused with <c>not-found</c>: the registry, proposal, issuer, credential type, credential, status list or consent does not exist.</summary>
public sealed class IdentityNotFoundException : IdentityException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The contract transaction.</param>
    /// <param name="subject">What it named, if anything.</param>
    /// <param name="innerException">The Gateway exception.</param>
    public IdentityNotFoundException(string message, string operation, string? subject, Exception? innerException)
        : base(IdentityErrorCode.NotFound, message, operation, subject, innerException)
    {
    }
}
