using FabricEvidence.Chaincode;

namespace EvidenceCustody;

/// <summary>Where an evidence item is in its custody life cycle.</summary>
public enum CustodyStatus
{
    /// <summary>Held by <see cref="EvidenceItem.Holder"/>.</summary>
    Held,

    /// <summary>The holder has offered custody to <see cref="EvidenceItem.PendingHolder"/>, which has not accepted yet.</summary>
    TransferPending,
}

/// <summary>The public record of one evidence item: its digest and custody, never the evidence itself.</summary>
/// <param name="Id">The evidence id.</param>
/// <param name="CaseId">The case the evidence belongs to.</param>
/// <param name="Digest">Lowercase hex SHA-256 of the evidence file, which stays in evidence storage.</param>
/// <param name="Description">A short public description.</param>
/// <param name="Holder">The MSP id of the organisation that holds custody.</param>
/// <param name="RegisteredBy">The client id (Go <c>cid</c> form) of the investigator who registered it.</param>
/// <param name="RegisteredAt">The timestamp of the registering transaction.</param>
/// <param name="Status">The custody status.</param>
/// <param name="PendingHolder">The MSP id custody is offered to, while a transfer is pending.</param>
/// <param name="PrivateDetailsHash">Lowercase hex SHA-256 of the private details, when some were given.</param>
[DataType(Description = "The public record of an evidence item")]
public sealed record EvidenceItem(
    [property: Property(Description = "Evidence id")] string Id,
    string CaseId,
    [property: Property(Description = "Lowercase hex SHA-256 of the evidence file")] string Digest,
    string Description,
    string Holder,
    string RegisteredBy,
    FabricTimestamp RegisteredAt,
    CustodyStatus Status,
    string? PendingHolder = null,
    string? PrivateDetailsHash = null);

/// <summary>Sensitive details passed as transient data and kept in a private data collection.</summary>
/// <param name="SeizedFrom">Whom the evidence was seized from.</param>
/// <param name="Location">Where it was seized.</param>
[DataType(Description = "Sensitive details kept in the private data collection")]
public sealed record PrivateDetails(string SeizedFrom, string Location);

/// <summary>One committed change of an evidence record.</summary>
/// <param name="TxId">The transaction that made it.</param>
/// <param name="Timestamp">Its timestamp.</param>
/// <param name="Holder">The holder after the change.</param>
/// <param name="Status">The status after the change.</param>
public sealed record CustodyEntry(string TxId, FabricTimestamp Timestamp, string Holder, CustodyStatus Status);

/// <summary>One page of evidence items.</summary>
/// <param name="Items">The items.</param>
/// <param name="Bookmark">Pass this to get the next page; empty after the last page.</param>
public sealed record EvidencePage(IReadOnlyList<EvidenceItem> Items, string Bookmark);
