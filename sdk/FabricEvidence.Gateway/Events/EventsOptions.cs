namespace FabricEvidence.Gateway;

/// <summary>
/// Where an event stream starts. With neither option set it starts at the next block committed. Each property states
/// its default.
/// </summary>
public sealed class EventsOptions
{
    /// <summary>The block to start at. Defaults to <see langword="null"/>: the next block committed.</summary>
    public ulong? StartBlock { get; set; }

    /// <summary>
    /// A checkpoint to resume from; when it holds a position, it takes precedence over <see cref="StartBlock"/>.
    /// Chaincode events resume after the checkpoint's transaction; block events use only its block number.
    /// Defaults to <see langword="null"/>.
    /// </summary>
    public ICheckpoint? Checkpoint { get; set; }
}
