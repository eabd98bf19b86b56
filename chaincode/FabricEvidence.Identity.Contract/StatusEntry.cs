namespace FabricEvidence.Identity.Contract;

/// <summary>A status list entry that is not valid.</summary>
/// <param name="Index">The entry.</param>
/// <param name="Status">1 (invalid) or 2 (suspended).</param>
[DataType(Description = "A non-valid status list entry")]
public sealed record StatusEntry(int Index, int Status);
