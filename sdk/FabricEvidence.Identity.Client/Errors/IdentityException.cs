namespace FabricEvidence.Identity.Client;

/// <summary>
/// The identity contract refused a call with one of its stable codes; nothing was written. Catch the subclass for the
/// code you handle (<see cref="IdentityForbiddenException"/>, ...), or this class and switch on <see cref="Code"/>.
/// Failures that are not the contract's refusal (the network, the endorsement policy) stay the Gateway SDK's
/// exceptions (<c>GatewayException</c> and its subclasses, <c>CommitException</c>).
/// </summary>
public class IdentityException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="code">The contract's code.</param>
    /// <param name="message">The contract's message (without the code).</param>
    /// <param name="operation">The contract transaction, for example <c>RecordVerification</c>.</param>
    /// <param name="subject">The credential, consent, proposal or type the operation named, if any.</param>
    /// <param name="innerException">The Gateway exception that carried the refusal.</param>
    public IdentityException(IdentityErrorCode code, string message, string operation, string? subject, Exception? innerException)
        : base($"{operation}{(subject is null ? string.Empty : $" of {subject}")} was refused ({Internal.IdentityErrors.CodeText(code)}): {message}", innerException)
    {
        Code = code;
        ContractMessage = message;
        Operation = operation;
        Subject = subject;
    }

    /// <summary>The contract's code.</summary>
    public IdentityErrorCode Code { get; }

    /// <summary>The contract's message, without the code; for people, not for matching. It never holds a claim value.</summary>
    public string ContractMessage { get; }

    /// <summary>The contract transaction that was refused.</summary>
    public string Operation { get; }

    /// <summary>The credential, consent, proposal or type the operation named, if any.</summary>
    public string? Subject { get; }
}
