namespace FabricEvidence.Identity;

/// <summary>What an issuer puts into a status list token besides the list.</summary>
public sealed class StatusListTokenRequest
{
    /// <summary>The list's URI (<c>sub</c>), the same as the credentials' <c>status.status_list.uri</c>. Required.</summary>
    public required string Uri { get; init; }

    /// <summary>The issuance time (<c>iat</c>). Defaults to the issuer's clock.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>When the token stops being valid (<c>exp</c>). Defaults to none.</summary>
    public DateTimeOffset? Expires { get; init; }

    /// <summary>How long a verifier may cache the token before fetching it again (<c>ttl</c>, whole seconds). Defaults to none.</summary>
    public TimeSpan? TimeToLive { get; init; }
}
