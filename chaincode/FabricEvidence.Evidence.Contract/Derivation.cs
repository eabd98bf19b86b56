using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>How a derivative (a working copy or an extraction) was produced from its parent.</summary>
/// <param name="ParentId">The item it was derived from.</param>
/// <param name="Tool">The tool that produced it.</param>
/// <param name="ToolVersion">The tool's version.</param>
/// <param name="Generation">1 for a derivative of an original, one more than the parent's otherwise.</param>
[DataType(Description = "How a derivative was produced")]
public sealed record Derivation(string ParentId, string Tool, string ToolVersion, int Generation);
