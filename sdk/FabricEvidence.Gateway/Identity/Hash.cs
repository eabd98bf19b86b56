using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace FabricEvidence.Gateway;

/// <summary>
/// The hash a gateway applies to each message before it is signed: the signer receives the result as its digest, and
/// every <see cref="ISignable.GetDigest"/> returns it. Peers verify ECDSA signatures over the hash their MSP
/// configures, which is SHA-256 unless the MSP says otherwise, so <see cref="Sha256"/> is the default. Ed25519
/// identities sign the whole message and must be paired with <see cref="None"/>.
/// </summary>
[TypeConverter(typeof(Internal.HashConverter))]
public sealed class Hash
{
    private readonly Kind _kind;
    private readonly Func<byte[], byte[]>? _custom;

    private Hash(string name, Kind kind, Func<byte[], byte[]>? custom)
    {
        Name = name;
        _kind = kind;
        _custom = custom;
    }

    private enum Kind
    {
        None,
        Sha256,
        Sha384,
        Sha3With256,
        Sha3With384,
        Custom,
    }

    /// <summary>No hashing: the signer receives the whole message. Required for Ed25519 signers.</summary>
    public static Hash None { get; } = new("NONE", Kind.None, null);

    /// <summary>SHA-256, the default and what Fabric MSPs use unless configured otherwise.</summary>
    public static Hash Sha256 { get; } = new("SHA256", Kind.Sha256, null);

    /// <summary>SHA-384.</summary>
    public static Hash Sha384 { get; } = new("SHA384", Kind.Sha384, null);

    /// <summary>SHA3-256, for MSPs whose signature hash family is SHA3.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Spelled like .NET's SHA3_256 and Fabric's SHA3_256 so the algorithm is unmistakable.")]
    public static Hash Sha3_256 { get; } = new("SHA3_256", Kind.Sha3With256, null);

    /// <summary>SHA3-384.</summary>
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Spelled like .NET's SHA3_384 and Fabric's SHA3_384 so the algorithm is unmistakable.")]
    public static Hash Sha3_384 { get; } = new("SHA3_384", Kind.Sha3With384, null);

    /// <summary>The name: <c>NONE</c>, <c>SHA256</c>, <c>SHA384</c>, <c>SHA3_256</c>, <c>SHA3_384</c>, or a custom hash's name.</summary>
    public string Name { get; }

    /// <summary>Whether this is <see cref="None"/>.</summary>
    public bool IsNone => _kind == Kind.None;

    /// <summary>A hash of your own, for example one computed by an HSM.</summary>
    /// <param name="name">A name used in logs and error messages.</param>
    /// <param name="hash">Computes the digest of a message. Must be thread-safe.</param>
    public static Hash Create(string name, Func<byte[], byte[]> hash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(hash);
        return new Hash(name, Kind.Custom, hash);
    }

    /// <summary>Looks a built-in hash up by name (case-insensitive; <c>SHA256</c>, <c>SHA-256</c> and <c>sha256</c> all match).</summary>
    /// <exception cref="ArgumentException">The name is not one of the built-in hashes.</exception>
    public static Hash FromName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var key = name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return key switch
        {
            "NONE" => None,
            "SHA256" => Sha256,
            "SHA384" => Sha384,
            "SHA3256" => Sha3_256,
            "SHA3384" => Sha3_384,
            _ => throw new ArgumentException($"Unknown hash '{name}'. Use NONE, SHA256, SHA384, SHA3_256 or SHA3_384.", nameof(name)),
        };
    }

    /// <summary>Computes the digest of <paramref name="message"/> (for <see cref="None"/>, a copy of the message).</summary>
    public byte[] Compute(ReadOnlySpan<byte> message)
    {
        switch (_kind)
        {
            case Kind.None:
                return message.ToArray();
            case Kind.Sha256:
                return SHA256.HashData(message);
            case Kind.Sha384:
                return SHA384.HashData(message);
            case Kind.Sha3With256:
                return SHA3_256.IsSupported ? SHA3_256.HashData(message) : BouncySha3(message, 256);
            case Kind.Sha3With384:
                return SHA3_384.IsSupported ? SHA3_384.HashData(message) : BouncySha3(message, 384);
            default:
                return _custom!(message.ToArray()) ?? throw new InvalidOperationException($"Custom hash '{Name}' returned null.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    // The operating system's crypto library may lack SHA-3 (older OpenSSL, older Windows); BouncyCastle always has it.
    private static byte[] BouncySha3(ReadOnlySpan<byte> message, int bits)
    {
        var digest = new Sha3Digest(bits);
        var input = message.ToArray();
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }
}
