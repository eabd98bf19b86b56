namespace FabricEvidence.Gateway;

/// <summary>A position in an event stream to resume from.</summary>
public interface ICheckpoint
{
    /// <summary>The block in which the next event is expected, or <see langword="null"/> when no position is recorded.</summary>
    ulong? BlockNumber { get; }

    /// <summary>The last transaction processed within <see cref="BlockNumber"/>, or <see langword="null"/> when the whole block is still to come.</summary>
    string? TransactionId { get; }
}
