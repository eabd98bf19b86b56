namespace FabricEvidence.Identity;

/// <summary>
/// Where a credential's status is kept: the <c>status.status_list</c> claim of the Token Status List draft, an index into
/// the list published at <see cref="Uri"/>.
/// </summary>
/// <param name="Index">The position in the list (<c>idx</c>), zero or more.</param>
/// <param name="Uri">The list's URI (<c>uri</c>), also the <c>sub</c> of its status list token.</param>
public sealed record StatusReference(int Index, string Uri);
