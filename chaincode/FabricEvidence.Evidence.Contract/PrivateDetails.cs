using FabricEvidence.Chaincode;

namespace FabricEvidence.Evidence.Contract;

/// <summary>The private details of an item, readable by evaluation on a peer of a collection member until disposal purges them.</summary>
/// <param name="EvidenceId">The item.</param>
/// <param name="Origin">Its origin.</param>
/// <param name="CaseDetails">Its case details, when some were given.</param>
[DataType(Description = "The private details of an evidence item")]
public sealed record PrivateDetails(string EvidenceId, EvidenceOrigin Origin, CaseDetails? CaseDetails = null);
