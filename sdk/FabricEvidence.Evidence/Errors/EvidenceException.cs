using FabricEvidence.Gateway;

namespace FabricEvidence.Evidence;

/// <summary>
/// The evidence contract refused a call with one of its stable codes; nothing was written. Catch the subclass for the
/// code you handle (<see cref="EvidenceNotFoundException"/>, ...), or this class and switch on <see cref="Code"/>.
/// Failures that are not the contract's refusal (the network, the endorsement policy) stay the Gateway SDK's
/// exceptions (<see cref="GatewayException"/> and its subclasses, <see cref="CommitException"/>).
/// </summary>
public class EvidenceException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="code">The contract's code.</param>
    /// <param name="message">The contract's message (without the code).</param>
    /// <param name="operation">The client operation, for example <c>Submit</c>.</param>
    /// <param name="evidenceId">The item, when the operation names one.</param>
    /// <param name="innerException">The Gateway exception that carried the refusal.</param>
    public EvidenceException(EvidenceErrorCode code, string message, string operation, string? evidenceId, Exception? innerException)
        : base($"{operation}{(evidenceId is null ? string.Empty : $" of {evidenceId}")} was refused ({Internal.EvidenceErrors.CodeText(code)}): {message}", innerException)
    {
        Code = code;
        ContractMessage = message;
        Operation = operation;
        EvidenceId = evidenceId;
    }

    /// <summary>The contract's code.</summary>
    public EvidenceErrorCode Code { get; }

    /// <summary>The contract's message, without the code; for people, not for matching.</summary>
    public string ContractMessage { get; }

    /// <summary>The client operation that was refused.</summary>
    public string Operation { get; }

    /// <summary>The item the operation named, if any.</summary>
    public string? EvidenceId { get; }
}
