using System.Globalization;
using System.Text;

namespace FabricEvidence.Chaincode.Internal.Contracts;

/// <summary>
/// Writes numbers the way ECMAScript's Number::toString does (and so <c>JSON.stringify</c>, Go's encoding/json and
/// RFC 8785): the shortest digits that round-trip, plain notation for exponents from -6 to 20, otherwise a lowercase
/// <c>e</c> with an explicit sign (<c>1e+21</c>, <c>1e-7</c>, <c>1.5e+300</c>); negative zero is <c>0</c>.
/// </summary>
/// <remarks>
/// .NET's shortest round-trip form already has the right digits; only its notation differs (<c>1E+21</c>,
/// <c>1E-07</c>, and it switches to exponents at 1e15), so the digits are taken from it and laid out again.
/// </remarks>
internal static class JsNumberFormatter
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON form.");
        }

        return value == 0 ? "0" : Layout(value.ToString("R", CultureInfo.InvariantCulture));
    }

    public static string Format(float value)
    {
        if (!float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON form.");
        }

        return value == 0 ? "0" : Layout(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>A decimal's own digits (trailing zeros of its scale dropped), in the same notation.</summary>
    public static string Format(decimal value) =>
        value == 0 ? "0" : Layout(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Lays out invariant-culture text (<c>-123.45</c>, <c>1.5E-07</c>, <c>1E+21</c>) in ECMAScript notation.</summary>
    private static string Layout(string text)
    {
        var negative = text[0] == '-';
        var body = negative ? text.AsSpan(1) : text.AsSpan();
        var exponent = 0;
        var e = body.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            body = body[..e];
        }

        var point = body.IndexOf('.');
        var integerPart = point >= 0 ? body[..point] : body;
        var fractionPart = point >= 0 ? body[(point + 1)..] : [];
        var digits = new StringBuilder(integerPart.Length + fractionPart.Length).Append(integerPart).Append(fractionPart);

        // value = 0.d1d2…dk × 10^n, with d1 ≠ 0 and dk ≠ 0 (ECMA-262 Number::toString's k and n).
        var n = integerPart.Length + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits.Remove(0, leading);
        n -= leading;
        var end = digits.Length;
        while (end > 1 && digits[end - 1] == '0')
        {
            end--;
        }

        digits.Length = end;
        var k = digits.Length;
        var s = digits.ToString();
        var result = new StringBuilder(k + 8);
        if (negative)
        {
            result.Append('-');
        }

        if (k <= n && n <= 21)
        {
            result.Append(s).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(s, 0, n).Append('.').Append(s, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(s);
        }
        else
        {
            var power = n - 1;
            result.Append(s[0]);
            if (k > 1)
            {
                result.Append('.').Append(s, 1, k - 1);
            }

            result.Append('e').Append(power < 0 ? '-' : '+').Append(Math.Abs(power).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }
}
