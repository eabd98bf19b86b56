
namespace FabricEvidence.Identity.Internal;

/// <summary>
/// Strict base64url (RFC 7515 section 2): the URL-safe alphabet, no padding, no white space, and only the canonical
/// encoding of each byte string. Digests and signatures are taken over the encoded text, so a lenient decoder would let
/// two different strings stand for the same bytes.
/// </summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }

        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        // Unused low bits of the last character must be zero: re-encoding gives the same text only then.
        return string.Equals(Encode(bytes), text, StringComparison.Ordinal);
    }
}
