using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// Escapes only what JSON requires — the quotation mark, the backslash and U+0000–U+001F — and writes every other
/// character as UTF-8, with the escapes <c>JSON.stringify</c> uses: <c>\"</c>, <c>\\</c>, <c>\b</c>, <c>\f</c>,
/// <c>\n</c>, <c>\r</c>, <c>\t</c>, and <c>\u00xx</c> in lowercase hex for the other control characters.
/// </summary>
/// <remarks>
/// The encoders that ship with .NET also escape characters their Unicode tables consider unassigned, and every
/// character outside the Basic Multilingual Plane. The first makes output depend on the .NET version (a character
/// assigned in a later Unicode version stops being escaped), which could make endorsements from peers running
/// different runtimes disagree; this encoder's output depends on nothing but the text. Lone surrogates and invalid
/// UTF-8 throw <see cref="ArgumentException"/>, where the writer would otherwise drop or replace them silently.
/// </remarks>
internal sealed class MinimalJsonEncoder : JavaScriptEncoder
{
    public static readonly MinimalJsonEncoder Instance = new();

    private MinimalJsonEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar < 0x20 || unicodeScalar == '"' || unicodeScalar == '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < textLength; i++)
        {
            var c = text[i];
            if (WillEncode(c))
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < textLength && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                // The writer would otherwise drop or replace it: losing data silently is worse than failing.
                throw new ArgumentException($"Text containing a lone surrogate (U+{(int)c:X4} at index {i}) has no UTF-8 form and cannot be written as JSON.");
            }
        }

        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        for (var i = 0; i < utf8Text.Length;)
        {
            var b = utf8Text[i];
            if (b < 0x20 || b == '"' || b == '\\')
            {
                return i;
            }

            if (b < 0x80)
            {
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf8(utf8Text[i..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                throw new ArgumentException($"The UTF-8 text is invalid at byte {i} and cannot be written as JSON.");
            }

            i += consumed;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var output = new Span<char>(buffer, bufferLength);
        if (!WillEncode(unicodeScalar))
        {
            var rune = new Rune(unicodeScalar);
            return rune.TryEncodeToUtf16(output, out numberOfCharactersWritten);
        }

        // The same escapes as JSON.stringify (and RFC 8785), so documents match other runtimes' byte for byte.
        var escape = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\b' => "\\b",
            '\f' => "\\f",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => "\\u" + unicodeScalar.ToString("x4", CultureInfo.InvariantCulture),
        };
        if (escape.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        escape.AsSpan().CopyTo(output);
        numberOfCharactersWritten = escape.Length;
        return true;
    }
}
