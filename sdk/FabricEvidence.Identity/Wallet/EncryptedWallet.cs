using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// A holder's credentials and holder keys, kept encrypted at rest. The file is a JSON envelope
/// <c>{"protected": B64U(header), "ciphertext": B64U, "tag": B64U}</c> whose header names the format
/// (<c>fabric-evidence-wallet</c>, version 1), the key derivation (PBKDF2-HMAC-SHA256 with a 16-byte random salt and
/// the iteration count) and the cipher (AES-256-GCM with a 12-byte random nonce). The protected header text is the
/// GCM associated data, so changing any parameter makes the file fail to open. A new salt and nonce are drawn on every
/// save. Not thread-safe.
/// </summary>
public sealed class EncryptedWallet
{
    private const string Format = "fabric-evidence-wallet";
    private const int Version = 1;
    private const string KdfName = "PBKDF2-HMAC-SHA256";
    private const string CipherName = "A256GCM";
    private const int SaltLength = 16;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int KeyLength = 32;

    private readonly List<WalletEntry> _entries = [];

    /// <summary>The entries in the order they were added.</summary>
    public IReadOnlyList<WalletEntry> Entries => _entries;

    /// <summary>Adds a credential with its holder key.</summary>
    /// <param name="credential">The credential as issued.</param>
    /// <param name="holderKey">The holder key it is bound to (its private key is copied into the wallet).</param>
    /// <param name="label">An optional label.</param>
    /// <param name="timeProvider">The clock for <see cref="WalletEntry.AddedAt"/>; defaults to <see cref="TimeProvider.System"/>.</param>
    /// <returns>The new entry.</returns>
    public WalletEntry Add(string credential, HolderKey holderKey, string? label = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(credential);
        ArgumentNullException.ThrowIfNull(holderKey);
        var entry = new WalletEntry
        {
            // Hex, not base64url: an id may be typed or passed as a command-line argument, where a leading '-' reads as an option.
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Credential = credential,
            HolderKeyPkcs8 = holderKey.ExportPkcs8(),
            Label = label,
            AddedAt = (timeProvider ?? TimeProvider.System).GetUtcNow(),
        };
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Removes an entry.</summary>
    /// <param name="id">The entry's identifier.</param>
    /// <returns>True when it was there.</returns>
    public bool Remove(string id) => _entries.RemoveAll(e => string.Equals(e.Id, id, StringComparison.Ordinal)) > 0;

    /// <summary>Encrypts the wallet.</summary>
    /// <param name="passphrase">The holder's passphrase (non-empty).</param>
    /// <param name="options">Key derivation settings; defaults apply when null.</param>
    /// <returns>The wallet file's bytes (UTF-8 JSON).</returns>
    /// <exception cref="ArgumentException">The passphrase is empty or the iteration count outside its range.</exception>
    public byte[] Seal(string passphrase, WalletProtectionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        var iterations = (options ?? new WalletProtectionOptions()).Iterations;
        if (iterations is < WalletProtectionOptions.MinimumIterations or > WalletProtectionOptions.MaximumIterations)
        {
            throw new ArgumentOutOfRangeException("options.Iterations", iterations,
                $"Between {WalletProtectionOptions.MinimumIterations} and {WalletProtectionOptions.MaximumIterations}.");
        }

        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var nonce = RandomNumberGenerator.GetBytes(NonceLength);
        var header = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["kdf"] = new JsonObject { ["alg"] = KdfName, ["iterations"] = iterations, ["salt"] = Base64Url.Encode(salt) },
            ["enc"] = new JsonObject { ["alg"] = CipherName, ["nonce"] = Base64Url.Encode(nonce) },
        };
        var protectedHeader = Base64Url.Encode(StrictJson.Utf8(StrictJson.Serialize(header)));

        var plaintext = StrictJson.Utf8(StrictJson.Serialize(new JsonObject
        {
            ["entries"] = new JsonArray(_entries.Select(e => (JsonNode?)new JsonObject
            {
                ["id"] = e.Id,
                ["credential"] = e.Credential,
                ["holder_key"] = Base64Url.Encode(e.HolderKeyPkcs8.Span),
                ["label"] = e.Label,
                ["added_at"] = e.AddedAt.ToUnixTimeMilliseconds(),
            }).ToArray()),
        }));
        var key = DeriveKey(passphrase, salt, iterations);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[TagLength];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return StrictJson.Utf8(StrictJson.Serialize(new JsonObject
        {
            ["protected"] = protectedHeader,
            ["ciphertext"] = Base64Url.Encode(ciphertext),
            ["tag"] = Base64Url.Encode(tag),
        }));
    }

    /// <summary>Decrypts a wallet file.</summary>
    /// <param name="data">The file's bytes.</param>
    /// <param name="passphrase">The passphrase it was sealed with.</param>
    /// <returns>The wallet.</returns>
    /// <exception cref="WalletException">The data is not a wallet, uses an unknown format, or the passphrase is wrong or the data altered.</exception>
    public static EncryptedWallet Open(ReadOnlySpan<byte> data, string passphrase)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        var envelope = StrictJson.TryParseObject(data)
            ?? throw new WalletException(WalletErrorCode.Malformed, "The data is not a wallet file (not a JSON object).");
        var protectedHeader = Text(envelope, "protected");
        var ciphertext = Bytes(envelope, "ciphertext", allowEmpty: true);
        var tag = Bytes(envelope, "tag");
        if (!Base64Url.TryDecode(protectedHeader, out var headerBytes) || StrictJson.TryParseObject(headerBytes) is not { } header)
        {
            throw new WalletException(WalletErrorCode.Malformed, "The wallet's protected header is not base64url JSON.");
        }

        if (header["format"] is not JsonValue f || !f.TryGetValue(out string? format) || format != Format || header["version"] is not JsonValue v || !v.TryGetValue(out int version) || version != Version)
        {
            throw new WalletException(WalletErrorCode.UnsupportedFormat, $"Not a version {Version} {Format} file.");
        }

        if (header["kdf"] is not JsonObject kdf || Text(kdf, "alg") != KdfName
            || header["enc"] is not JsonObject enc || Text(enc, "alg") != CipherName)
        {
            throw new WalletException(WalletErrorCode.UnsupportedFormat, $"The wallet uses a key derivation or cipher other than {KdfName} and {CipherName}.");
        }

        if (kdf["iterations"] is not JsonValue iv || !iv.TryGetValue(out int iterations)
            || iterations is < WalletProtectionOptions.MinimumIterations or > WalletProtectionOptions.MaximumIterations)
        {
            throw new WalletException(WalletErrorCode.UnsupportedFormat,
                $"The wallet's PBKDF2 iteration count is missing or outside {WalletProtectionOptions.MinimumIterations} to {WalletProtectionOptions.MaximumIterations}.");
        }

        var salt = Bytes(kdf, "salt");
        var nonce = Bytes(enc, "nonce");
        if (salt.Length != SaltLength || nonce.Length != NonceLength || tag.Length != TagLength)
        {
            throw new WalletException(WalletErrorCode.Malformed, "The wallet's salt, nonce or tag has the wrong length.");
        }

        var key = DeriveKey(passphrase, salt, iterations);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key, TagLength);
            aes.Decrypt(nonce, ciphertext, tag, plaintext, Encoding.ASCII.GetBytes(protectedHeader));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new WalletException(WalletErrorCode.WrongPassphraseOrTampered, "The passphrase is wrong or the wallet file was altered.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        try
        {
            return ReadEntries(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Encrypts the wallet and writes it to a file, replacing it atomically (write to a temporary file, then rename).</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="passphrase">The holder's passphrase.</param>
    /// <param name="options">Key derivation settings; defaults apply when null.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task SaveAsync(string path, string passphrase, WalletProtectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = Seal(passphrase, options);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Reads and decrypts a wallet file.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="passphrase">The passphrase it was sealed with.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The wallet.</returns>
    /// <exception cref="WalletException">See <see cref="Open"/>.</exception>
    public static async Task<EncryptedWallet> OpenAsync(string path, string passphrase, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Open(bytes, passphrase);
    }

    private static byte[] DeriveKey(string passphrase, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, iterations, HashAlgorithmName.SHA256, KeyLength);

    private static EncryptedWallet ReadEntries(byte[] plaintext)
    {
        if (StrictJson.TryParseObject(plaintext) is not { } content || content["entries"] is not JsonArray entries)
        {
            throw new WalletException(WalletErrorCode.Malformed, "The decrypted wallet has no entries array.");
        }

        var wallet = new EncryptedWallet();
        foreach (var node in entries)
        {
            if (node is not JsonObject e || e["added_at"] is not JsonValue at || !at.TryGetValue(out long addedAt))
            {
                throw new WalletException(WalletErrorCode.Malformed, "A decrypted wallet entry is not an object with added_at.");
            }

            wallet._entries.Add(new WalletEntry
            {
                Id = Text(e, "id"),
                Credential = Text(e, "credential"),
                HolderKeyPkcs8 = Bytes(e, "holder_key"),
                Label = e["label"] is JsonValue l && l.TryGetValue(out string? label) ? label : null,
                AddedAt = DateTimeOffset.FromUnixTimeMilliseconds(addedAt),
            });
        }

        return wallet;
    }

    private static string Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue(out string? s)
            ? s
            : throw new WalletException(WalletErrorCode.Malformed, $"The wallet has no '{name}' string.");

    private static byte[] Bytes(JsonObject o, string name, bool allowEmpty = false) =>
        Base64Url.TryDecode(Text(o, name), out var bytes) && (allowEmpty || bytes.Length > 0)
            ? bytes
            : throw new WalletException(WalletErrorCode.Malformed, $"The wallet's '{name}' is not base64url.");
}
