namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// Orders strings as their UTF-8 bytes compare, which is the order of Unicode code points and the order in which the
/// peer's state database (LevelDB, byte-wise) returns keys. <see cref="string.CompareOrdinal(string, string)"/> compares
/// UTF-16 code units instead and puts supplementary characters (surrogate pairs, U+D800–U+DFFF) before U+E000–U+FFFF,
/// which UTF-8 orders after them.
/// </summary>
internal sealed class Utf8OrdinalComparer : IComparer<string>
{
    public static readonly Utf8OrdinalComparer Instance = new();

    private Utf8OrdinalComparer()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a != b)
            {
                return CodePointOrder(a) - CodePointOrder(b);
            }
        }

        return x.Length - y.Length;
    }

    // Moves surrogates above U+E000–U+FFFF and those below them, so that code-unit comparison agrees with code-point
    // (and therefore UTF-8 byte) comparison at the first differing unit.
    private static int CodePointOrder(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
