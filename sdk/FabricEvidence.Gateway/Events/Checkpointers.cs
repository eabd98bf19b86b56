namespace FabricEvidence.Gateway;

/// <summary>Creates checkpointers.</summary>
public static class Checkpointers
{
    /// <summary>A checkpointer that keeps its position in memory, for resuming within one process.</summary>
    public static InMemoryCheckpointer InMemory() => new();

    /// <summary>
    /// A checkpointer that persists its position in a JSON file, for resuming after a restart. Reads the file when it
    /// exists (written by this SDK or by Hyperledger's Go or Node clients).
    /// </summary>
    /// <exception cref="FileCheckpointerException">The file exists but is not a checkpoint.</exception>
    public static Task<FileCheckpointer> FileAsync(string path, CancellationToken cancellationToken = default) =>
        FileCheckpointer.OpenAsync(path, cancellationToken);
}
