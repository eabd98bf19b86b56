using System.Buffers.Text;
using System.Text;

namespace FabricEvidence.Evidence.Contract.Internal;

/// <summary>
/// Bookmarks as clients see them: base64url of the peer's bookmark (a composite key, full of U+0000, which is awkward
/// in JSON and on command lines). A bookmark is accepted only if it lies inside the queried index: the peer starts the
/// next page at the bookmark, so a forged one could otherwise read keys of another index or of the items themselves.
/// </summary>
internal static class Bookmarks
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string peerBookmark) =>
        peerBookmark.Length == 0 ? string.Empty : Base64Url.EncodeToString(StrictUtf8.GetBytes(peerBookmark));

    public static string Decode(string bookmark, string indexPrefix, string name)
    {
        if (bookmark.Length == 0)
        {
            return string.Empty;
        }

        string key;
        try
        {
            key = StrictUtf8.GetString(Base64Url.DecodeFromChars(bookmark));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            throw Errors.InvalidArgument($"The {name} is not a bookmark this query returned (it is not base64url of UTF-8 text); pass it back unchanged, or empty for the first page.");
        }

        if (key.Length <= indexPrefix.Length || !key.StartsWith(indexPrefix, StringComparison.Ordinal))
        {
            throw Errors.InvalidArgument($"The {name} is not a bookmark this query returned (it points outside the query's index); pass it back unchanged, or empty for the first page.");
        }

        return key;
    }
}
