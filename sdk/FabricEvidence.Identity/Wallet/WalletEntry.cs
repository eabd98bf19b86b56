namespace FabricEvidence.Identity;

/// <summary>One credential in a wallet with the holder key it is bound to.</summary>
public sealed record WalletEntry
{
    /// <summary>The entry's identifier within the wallet.</summary>
    public required string Id { get; init; }

    /// <summary>The credential as issued (compact SD-JWT with all disclosures).</summary>
    public required string Credential { get; init; }

    /// <summary>The holder's private key, PKCS#8 DER. Stays inside the wallet; open it with <see cref="OpenHolderKey"/>.</summary>
    public required ReadOnlyMemory<byte> HolderKeyPkcs8 { get; init; }

    /// <summary>A label the holder chose, if any.</summary>
    public string? Label { get; init; }

    /// <summary>When the entry was added.</summary>
    public required DateTimeOffset AddedAt { get; init; }

    /// <summary>Loads the holder key; the caller disposes it.</summary>
    /// <exception cref="ArgumentException">The stored key is not a P-256 PKCS#8 private key.</exception>
    public HolderKey OpenHolderKey() => HolderKey.ImportPkcs8(HolderKeyPkcs8.Span);

    /// <inheritdoc />
    public override string ToString() => $"WalletEntry {Id} ({Label ?? "no label"})";
}
