namespace FabricEvidence.Evidence;

/// <summary>
/// The digest algorithms the evidence contract records: SHA-256, and SM3 (GB/T 32905-2016), China's national standard
/// hash, which Chinese agencies must be able to use. Both give 32 bytes, written as 64 lowercase hex digits.
/// </summary>
public sealed class DigestAlgorithm : IEquatable<DigestAlgorithm>
{
    private DigestAlgorithm(string name) => Name = name;

    /// <summary>SHA-256 (FIPS 180-4), <c>"SHA-256"</c> on the ledger.</summary>
    public static DigestAlgorithm Sha256 { get; } = new("SHA-256");

    /// <summary>SM3 (GB/T 32905-2016), <c>"SM3"</c> on the ledger.</summary>
    public static DigestAlgorithm Sm3 { get; } = new("SM3");

    /// <summary>The name the contract records: <c>SHA-256</c> or <c>SM3</c>.</summary>
    public string Name { get; }

    /// <summary>Equality by name.</summary>
    public static bool operator ==(DigestAlgorithm? left, DigestAlgorithm? right) => Equals(left, right);

    /// <summary>Inequality by name.</summary>
    public static bool operator !=(DigestAlgorithm? left, DigestAlgorithm? right) => !Equals(left, right);

    /// <summary>The algorithm of a name as the contract writes it (case-insensitive; <c>SHA256</c> is accepted too).</summary>
    /// <param name="name"><c>SHA-256</c> or <c>SM3</c>.</param>
    /// <returns>The algorithm.</returns>
    /// <exception cref="ArgumentException">Neither.</exception>
    public static DigestAlgorithm FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToUpperInvariant() switch
        {
            "SHA-256" or "SHA256" => Sha256,
            "SM3" => Sm3,
            _ => throw new ArgumentException($"Unknown digest algorithm '{name}'; the evidence contract records SHA-256 or SM3.", nameof(name)),
        };
    }

    /// <inheritdoc />
    public bool Equals(DigestAlgorithm? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DigestAlgorithm other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name;
}
