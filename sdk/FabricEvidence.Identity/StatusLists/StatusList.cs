using System.IO.Compression;
using System.Text.Json.Nodes;
using FabricEvidence.Identity.Internal;

namespace FabricEvidence.Identity;

/// <summary>
/// A Token Status List (IETF draft-ietf-oauth-status-list): <see cref="Capacity"/> entries of <see cref="Bits"/> bits each,
/// entry <c>i</c> in byte <c>i * Bits / 8</c> starting at the least significant bit, transported as the base64url of the
/// zlib (RFC 1950) DEFLATE compression of those bytes. Lists meant to hide who a status is about hold at least
/// <see cref="MinimumPrivacyCapacity"/> entries. Not thread-safe for writes.
/// </summary>
public sealed class StatusList
{
    /// <summary>
    /// The smallest list the issuer side creates: 131,072 entries (16 KiB at 1 bit), the herd size W3C's Bitstring
    /// Status List recommends so that fetching a list says nothing about which credential is being checked.
    /// </summary>
    public const int MinimumPrivacyCapacity = 131_072;

    /// <summary>The largest list accepted: 2^27 entries (16 MiB at 1 bit, 128 MiB at 8 bits).</summary>
    public const int MaximumCapacity = 1 << 27;

    private readonly byte[] _bytes;

    /// <summary>Creates a list with every entry <see cref="TokenStatus.Valid"/>.</summary>
    /// <param name="bits">Bits per entry: 1, 2, 4 or 8. Suspension needs 2 or more.</param>
    /// <param name="capacity">The number of entries, a multiple of 8 / <paramref name="bits"/> entries (whole bytes), up to <see cref="MaximumCapacity"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is outside its range.</exception>
    public StatusList(int bits, int capacity)
    {
        CheckBits(bits, nameof(bits));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(capacity, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaximumCapacity);
        if ((long)capacity * bits % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"At {bits} bits per entry the capacity must fill whole bytes (a multiple of {8 / bits}).");
        }

        Bits = bits;
        Capacity = capacity;
        _bytes = new byte[(long)capacity * bits / 8];
    }

    private StatusList(int bits, byte[] bytes)
    {
        Bits = bits;
        _bytes = bytes;
        Capacity = (int)((long)bytes.Length * 8 / bits);
    }

    /// <summary>Bits per entry: 1, 2, 4 or 8.</summary>
    public int Bits { get; }

    /// <summary>The number of entries.</summary>
    public int Capacity { get; }

    /// <summary>Reads an entry.</summary>
    /// <param name="index">The entry's index, from 0 to <see cref="Capacity"/> - 1.</param>
    /// <returns>Its status value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list.</exception>
    public TokenStatus Get(int index)
    {
        CheckIndex(index);
        var (byteIndex, shift, mask) = Locate(index);
        return (TokenStatus)((_bytes[byteIndex] >> shift) & mask);
    }

    /// <summary>Writes an entry.</summary>
    /// <param name="index">The entry's index, from 0 to <see cref="Capacity"/> - 1.</param>
    /// <param name="status">The value; it must fit into <see cref="Bits"/> bits.</param>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside the list or the value does not fit.</exception>
    public void Set(int index, TokenStatus status)
    {
        CheckIndex(index);
        if ((int)status >= 1 << Bits)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, $"A {Bits}-bit list holds values up to {(1 << Bits) - 1}.");
        }

        var (byteIndex, shift, mask) = Locate(index);
        _bytes[byteIndex] = (byte)((_bytes[byteIndex] & ~(mask << shift)) | ((int)status << shift));
    }

    /// <summary>A copy of the uncompressed bytes.</summary>
    public byte[] ToBytes() => (byte[])_bytes.Clone();

    /// <summary>Creates a list from its uncompressed bytes (copied).</summary>
    /// <param name="bits">Bits per entry: 1, 2, 4 or 8.</param>
    /// <param name="bytes">The entries, packed as the draft specifies.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bits are not 1, 2, 4 or 8, or the list is empty or larger than <see cref="MaximumCapacity"/>.</exception>
    public static StatusList FromBytes(int bits, ReadOnlySpan<byte> bytes)
    {
        CheckBits(bits, nameof(bits));
        if (bytes.IsEmpty || (long)bytes.Length * 8 / bits > MaximumCapacity)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes.Length, $"A list has between 1 and {MaximumCapacity} entries.");
        }

        return new StatusList(bits, bytes.ToArray());
    }

    /// <summary>The <c>lst</c> text: base64url of the zlib-compressed bytes (best compression, deterministic for the same bytes).</summary>
    public string Encode()
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(_bytes);
        }

        return Base64Url.Encode(output.ToArray());
    }

    /// <summary>Decodes an <c>lst</c> text.</summary>
    /// <param name="bits">Bits per entry: 1, 2, 4 or 8.</param>
    /// <param name="lst">base64url of the zlib-compressed bytes.</param>
    /// <param name="maxBytes">The most uncompressed bytes accepted (a guard against compression bombs).</param>
    /// <exception cref="SdJwtVerificationException">Code <see cref="SdJwtErrorCode.Malformed"/> or <see cref="SdJwtErrorCode.TooLarge"/>.</exception>
    public static StatusList Decode(int bits, string lst, int maxBytes = 16 * 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(lst);
        if (bits is not (1 or 2 or 4 or 8))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, $"The status list's bits is {bits}; it must be 1, 2, 4 or 8.");
        }

        if (!Base64Url.TryDecode(lst, out var compressed) || compressed.Length == 0)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The status list's lst is not base64url text.");
        }

        var limit = Math.Min(maxBytes, MaximumCapacity / 8 * bits);
        byte[] bytes;
        try
        {
            using var input = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > limit)
                {
                    throw new SdJwtVerificationException(SdJwtErrorCode.TooLarge, $"The status list decompresses to more than {limit} bytes.");
                }

                output.Write(buffer, 0, read);
            }

            bytes = output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The status list's lst is not zlib (RFC 1950) compressed data.", ex);
        }

        if (bytes.Length == 0)
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The status list is empty.");
        }

        return new StatusList(bits, bytes);
    }

    internal JsonObject ToClaim() => new() { [SdJwtNames.Bits] = Bits, [SdJwtNames.List] = Encode() };

    internal static StatusList FromClaim(JsonObject claim, int maxBytes)
    {
        if (claim[SdJwtNames.Bits] is not JsonValue bv || !bv.TryGetValue(out int bits))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The status_list has no integer 'bits'.");
        }

        if (claim[SdJwtNames.List] is not JsonValue lv || !lv.TryGetValue(out string? lst))
        {
            throw new SdJwtVerificationException(SdJwtErrorCode.Malformed, "The status_list has no string 'lst'.");
        }

        return Decode(bits, lst, maxBytes);
    }

    private (int ByteIndex, int Shift, int Mask) Locate(int index)
    {
        var bitOffset = (long)index * Bits;
        return ((int)(bitOffset / 8), (int)(bitOffset % 8), (1 << Bits) - 1);
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has entries 0 to {Capacity - 1}.");
        }
    }

    private static void CheckBits(int bits, string argument)
    {
        if (bits is not (1 or 2 or 4 or 8))
        {
            throw new ArgumentOutOfRangeException(argument, bits, "Bits per entry are 1, 2, 4 or 8.");
        }
    }
}
