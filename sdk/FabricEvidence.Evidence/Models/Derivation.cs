namespace FabricEvidence.Evidence;

/// <summary>How a derivative (working copy, extraction) was produced from its parent.</summary>
/// <param name="ParentId">The parent item.</param>
/// <param name="Tool">The tool.</param>
/// <param name="ToolVersion">Its version.</param>
/// <param name="Generation">1 for a direct derivative of an original, 2 for a derivative of that, and so on.</param>
public sealed record Derivation(string ParentId, string Tool, string ToolVersion, int Generation);
