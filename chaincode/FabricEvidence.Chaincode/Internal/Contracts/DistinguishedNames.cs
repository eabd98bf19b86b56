using System.Formats.Asn1;
using System.Text;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// Reads an X.509 Name and writes it the way Fabric's Go client identity library (<c>pkg/cid</c>) does, so that
/// <see cref="ClientIdentity.GetId"/> matches the id Go chaincode computes for the same certificate.
/// </summary>
/// <remarks>
/// Go first folds the name into its well-known fields (all values of one attribute type together, the last common
/// name and serial number winning), rebuilds the sequence in the fixed order C, ST, L, STREET, POSTALCODE, O, OU, CN,
/// SERIALNUMBER with the values of one type as a single multi-valued RDN, and prints it in reverse, RFC 2253 style:
/// RDNs joined by ',', values of one RDN by '+', <c>, + " \ &lt; &gt; ;</c> escaped with a backslash, as are a leading
/// space or '#' and a trailing space. Attribute types outside that list (e-mail, UID, DC, …) are not part of the result.
/// </remarks>
internal static class DistinguishedNames
{
    private static readonly (string Oid, string Label)[] GoFieldOrder =
    [
        ("2.5.4.6", "C"),
        ("2.5.4.8", "ST"),
        ("2.5.4.7", "L"),
        ("2.5.4.9", "STREET"),
        ("2.5.4.17", "POSTALCODE"),
        ("2.5.4.10", "O"),
        ("2.5.4.11", "OU"),
        ("2.5.4.3", "CN"),
        ("2.5.4.5", "SERIALNUMBER"),
    ];

    /// <summary>The attribute values of a DER-encoded Name, grouped by attribute type OID in encounter order.</summary>
    public static Dictionary<string, List<string>> ReadAttributes(ReadOnlyMemory<byte> nameDer)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        try
        {
            var reader = new AsnReader(nameDer, AsnEncodingRules.DER);
            var rdnSequence = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (rdnSequence.HasData)
            {
                var rdn = rdnSequence.ReadSetOf(skipSortOrderValidation: true);
                while (rdn.HasData)
                {
                    var attribute = rdn.ReadSequence();
                    var oid = attribute.ReadObjectIdentifier();
                    var value = ReadString(attribute);
                    attribute.ThrowIfNotEmpty();
                    if (!result.TryGetValue(oid, out var values))
                    {
                        values = [];
                        result.Add(oid, values);
                    }

                    values.Add(value);
                }
            }
        }
        catch (AsnContentException ex)
        {
            throw new FormatException("The certificate contains a malformed distinguished name.", ex);
        }

        return result;
    }

    /// <summary>The Go <c>cid</c> rendering of a DER-encoded Name.</summary>
    public static string FormatLikeGo(ReadOnlyMemory<byte> nameDer)
    {
        var attributes = ReadAttributes(nameDer);
        var rdns = new List<string>();
        foreach (var (oid, label) in GoFieldOrder)
        {
            if (!attributes.TryGetValue(oid, out var values) || values.Count == 0)
            {
                continue;
            }

            // Go keeps only the last common name and serial number, and drops them when empty.
            IEnumerable<string> kept = oid is "2.5.4.3" or "2.5.4.5" ? [values[^1]] : values;
            if (oid is "2.5.4.3" or "2.5.4.5" && values[^1].Length == 0)
            {
                continue;
            }

            rdns.Add(string.Join('+', kept.Select(v => label + "=" + Escape(v))));
        }

        rdns.Reverse();
        return string.Join(',', rdns);
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var edgeSpecial = (i == 0 && (c == ' ' || c == '#')) || (i == value.Length - 1 && c == ' ');
            if (edgeSpecial || c is ',' or '+' or '"' or '\\' or '<' or '>' or ';')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    // The string types Go's certificate parser accepts in a Name; anything else makes Go reject the certificate.
    private static string ReadString(AsnReader attribute)
    {
        var tag = attribute.PeekTag();
        if (tag.TagClass != TagClass.Universal)
        {
            throw new FormatException("The certificate's distinguished name holds a value that is not a string.");
        }

        return (UniversalTagNumber)tag.TagValue switch
        {
            UniversalTagNumber.UTF8String => attribute.ReadCharacterString(UniversalTagNumber.UTF8String),
            UniversalTagNumber.PrintableString => attribute.ReadCharacterString(UniversalTagNumber.PrintableString),
            UniversalTagNumber.IA5String => attribute.ReadCharacterString(UniversalTagNumber.IA5String),
            UniversalTagNumber.BMPString => attribute.ReadCharacterString(UniversalTagNumber.BMPString),
            UniversalTagNumber.NumericString => attribute.ReadCharacterString(UniversalTagNumber.NumericString),
            UniversalTagNumber.T61String => Encoding.Latin1.GetString(attribute.ReadOctetString(new Asn1Tag(UniversalTagNumber.T61String))),
            _ => throw new FormatException($"The certificate's distinguished name holds a value of unsupported ASN.1 type {tag.TagValue}."),
        };
    }
}
