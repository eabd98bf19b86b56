namespace FabricEvidence.Evidence;

/// <summary>Where an evidence event stream starts and which events it yields. Each property states its default.</summary>
public sealed class EvidenceEventsOptions
{
    /// <summary>The block to start at. Defaults to <see langword="null"/>: the next block committed.</summary>
    public ulong? StartBlock { get; set; }

    /// <summary>
    /// A checkpoint to resume from (after its transaction), taking precedence over <see cref="StartBlock"/>; pass a
    /// <see cref="Gateway.ICheckpointer"/> and checkpoint each event after handling it to resume without gap or
    /// duplicate. Defaults to <see langword="null"/>.
    /// </summary>
    public Gateway.ICheckpoint? Checkpoint { get; set; }

    /// <summary>Only events of these types (<see cref="EvidenceEventTypes"/>). Defaults to <see langword="null"/>: all.</summary>
    public IReadOnlyCollection<string>? Types { get; set; }

    /// <summary>Only events of this item. Defaults to <see langword="null"/>: all items.</summary>
    public string? EvidenceId { get; set; }
}
