namespace FabricEvidence.Verification;

/// <summary>
/// One check the verifier made: which (<see cref="Name"/>, one of <see cref="VerificationCheckNames"/>), on what
/// (<see cref="Subject"/>, and the typed <see cref="BlockNumber"/>, <see cref="TransactionId"/> and
/// <see cref="ItemId"/> a report can use), its outcome, and an English explanation.
/// </summary>
public sealed class VerificationCheck
{
    internal VerificationCheck()
    {
    }

    /// <summary>The check's stable name, one of <see cref="VerificationCheckNames"/>, for code and for translated reports.</summary>
    public string Name { get; internal init; } = string.Empty;

    /// <summary>What was checked, in words: <c>bundle</c>, <c>blocks/5.block</c>, <c>block 5</c>, <c>transaction 3f2a…</c>, <c>item EV-1</c>, <c>MSP Org1MSP</c>.</summary>
    public string Subject { get; internal init; } = string.Empty;

    /// <summary>The outcome.</summary>
    public CheckOutcome Outcome { get; internal init; }

    /// <summary>What was found, in English: on failure, exactly what does not hold and where.</summary>
    public string Message { get; internal init; } = string.Empty;

    /// <summary>The block the check concerns, if any.</summary>
    public ulong? BlockNumber { get; internal init; }

    /// <summary>The transaction the check concerns, if any.</summary>
    public string? TransactionId { get; internal init; }

    /// <summary>The evidence item the check concerns, if any.</summary>
    public string? ItemId { get; internal init; }

    /// <inheritdoc/>
    public override string ToString() => $"{Outcome} {Name} [{Subject}]: {Message}";
}
