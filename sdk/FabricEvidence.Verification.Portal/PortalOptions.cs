namespace FabricEvidence.Verification.Portal;

/// <summary>The portal's settings, bound from the <c>Portal</c> configuration section and validated at start-up.</summary>
public sealed class PortalOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Portal";

    /// <summary>
    /// Where the ledger is read: <see cref="LedgerKind.Fabric"/> (a peer's Gateway, configured in the <c>FabricGateway</c>
    /// section) or <see cref="LedgerKind.Fixtures"/> (blocks captured from a network, in <see cref="FixtureDirectory"/>).
    /// Defaults to <see cref="LedgerKind.Fabric"/>.
    /// </summary>
    public LedgerKind Ledger { get; set; } = LedgerKind.Fabric;

    /// <summary>The channel the evidence contract runs on. Defaults to <c>evidence</c>.</summary>
    public string ChannelName { get; set; } = "evidence";

    /// <summary>The evidence contract's chaincode name. Defaults to <c>evidence</c>.</summary>
    public string ChaincodeName { get; set; } = "evidence";

    /// <summary>
    /// With <see cref="LedgerKind.Fixtures"/>: a folder with <c>blocks/*.block</c> and <c>item.json</c> (as
    /// <c>capture-real-network.sh</c> writes them). Defaults to <see langword="null"/>.
    /// </summary>
    public string? FixtureDirectory { get; set; }

    /// <summary>The time zone reports state dates in besides UTC (IANA id). Defaults to <c>Asia/Shanghai</c>.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>The largest file a clerk may upload, in bytes. Defaults to 4 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>How long a verification stays available for downloads. Defaults to 30 minutes.</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// SHA-256 hashes (lowercase hexadecimal) of the access codes that sign a user in with the court role, which shows
    /// certificate subjects and allows bundle downloads. Only hashes are configured, never the codes. Defaults to none:
    /// nobody can sign in.
    /// </summary>
    public IList<string> CourtAccessCodeHashes { get; } = [];
}
