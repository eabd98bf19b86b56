namespace FabricEvidence.Identity;

/// <summary>How <see cref="EncryptedWallet"/> derives its key from the passphrase.</summary>
public sealed class WalletProtectionOptions
{
    /// <summary>The smallest PBKDF2 iteration count accepted when sealing or opening.</summary>
    public const int MinimumIterations = 100_000;

    /// <summary>The largest PBKDF2 iteration count accepted when opening (so a crafted file cannot stall the reader).</summary>
    public const int MaximumIterations = 10_000_000;

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations. Defaults to 600,000, OWASP's 2023 recommendation for this function; between
    /// <see cref="MinimumIterations"/> and <see cref="MaximumIterations"/>.
    /// </summary>
    public int Iterations { get; set; } = 600_000;
}
