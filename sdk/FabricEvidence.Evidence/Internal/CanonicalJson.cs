using System.Globalization;
using System.Text;

namespace FabricEvidence.Evidence.Internal;

/// <summary>
/// RFC 8785 canonical JSON of a flat object of strings, which is all the contract's private inputs are: members sorted
/// by UTF-16 code units, no white space, strings escaped as <c>JSON.stringify</c> escapes them. The contract refuses
/// any other form, because the hash of these exact bytes is what the public record keeps.
/// </summary>
internal static class CanonicalJson
{
    public static byte[] Object(IEnumerable<KeyValuePair<string, string>> members)
    {
        var text = new StringBuilder("{");
        var first = true;
        foreach (var (name, value) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            String(text, name);
            text.Append(':');
            String(text, value);
        }

        return Encoding.UTF8.GetBytes(text.Append('}').ToString());
    }

    private static void String(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }
}
