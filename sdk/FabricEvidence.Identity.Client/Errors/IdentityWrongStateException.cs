namespace FabricEvidence.Identity.Client;

/// <summary>The contract refused with <c>wrong-state</c>: the state does not allow it.</summary>
public sealed class IdentityWrongStateException : IdentityException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">The contract's message.</param>
    /// <param name="operation">The contract transaction.</param>
    /// <param name="subject">What it named, if anything.</param>
    /// <param name="innerException">The Gateway exception.</param>
    public IdentityWrongStateException(string message, string operation, string? subject, Exception? innerException)
        : base(IdentityErrorCode.WrongState, message, operation, subject, innerException)
    {
    }
}
