using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;
using FabricEvidence.Chaincode.Internal.Contracts;

namespace FabricEvidence.Chaincode;

/// <summary>
/// A point in time exactly as Fabric records it (a <c>google.protobuf.Timestamp</c>): whole seconds since the Unix
/// epoch and nanoseconds within the second, always UTC.
/// </summary>
/// <remarks>
/// <para>Fabric's timestamps have nanosecond precision; <see cref="DateTimeOffset"/> has 100 ns, so converting loses
/// the last two digits. Keep a <see cref="FabricTimestamp"/> wherever the exact value matters (records a court compares
/// with the block, keys derived from time) and convert only for display or arithmetic.</para>
/// <para>Its text form (<see cref="ToString()"/>, and its JSON in <see cref="ChaincodeJson"/>) is RFC 3339 in UTC with
/// exactly nine fractional digits, for example <c>2024-05-01T12:00:00.123456789Z</c>: lossless, the same length for
/// every value in the range, so that ordinal order of the text is time order. <see cref="Parse(string)"/> also accepts
/// zero to nine fractional digits and a numeric offset.</para>
/// </remarks>
[JsonConverter(typeof(FabricTimestampJsonConverter))]
public readonly struct FabricTimestamp : IEquatable<FabricTimestamp>, IComparable<FabricTimestamp>, IComparable
{
    /// <summary>The smallest number of seconds a <c>google.protobuf.Timestamp</c> may hold: 0001-01-01T00:00:00Z.</summary>
    public const long MinSeconds = -62_135_596_800;

    /// <summary>The largest number of seconds a <c>google.protobuf.Timestamp</c> may hold: 9999-12-31T23:59:59Z.</summary>
    public const long MaxSeconds = 253_402_300_799;

    private const int NanosPerSecond = 1_000_000_000;
    private const int NanosPerTick = 100;
    private const int FormattedLength = 30;

    /// <summary>Creates a timestamp.</summary>
    /// <param name="seconds">Seconds since 1970-01-01T00:00:00Z, from <see cref="MinSeconds"/> to <see cref="MaxSeconds"/>.</param>
    /// <param name="nanos">Nanoseconds within the second, from 0 to 999,999,999.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside its range.</exception>
    public FabricTimestamp(long seconds, int nanos)
    {
        if (seconds is < MinSeconds or > MaxSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A Fabric timestamp lies between 0001-01-01 and 9999-12-31 (protobuf Timestamp range).");
        }

        if (nanos is < 0 or >= NanosPerSecond)
        {
            throw new ArgumentOutOfRangeException(nameof(nanos), nanos, "Nanoseconds within the second run from 0 to 999,999,999.");
        }

        Seconds = seconds;
        Nanos = nanos;
    }

    /// <summary>The Unix epoch, 1970-01-01T00:00:00Z (also the default value).</summary>
    public static FabricTimestamp UnixEpoch => default;

    /// <summary>Whole seconds since the Unix epoch.</summary>
    public long Seconds { get; }

    /// <summary>Nanoseconds within the second, 0 to 999,999,999.</summary>
    public int Nanos { get; }

    /// <summary>Equality of the exact values.</summary>
    public static bool operator ==(FabricTimestamp left, FabricTimestamp right) => left.Equals(right);

    /// <summary>Inequality of the exact values.</summary>
    public static bool operator !=(FabricTimestamp left, FabricTimestamp right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> is earlier.</summary>
    public static bool operator <(FabricTimestamp left, FabricTimestamp right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is later.</summary>
    public static bool operator >(FabricTimestamp left, FabricTimestamp right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is earlier or the same.</summary>
    public static bool operator <=(FabricTimestamp left, FabricTimestamp right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> is later or the same.</summary>
    public static bool operator >=(FabricTimestamp left, FabricTimestamp right) => left.CompareTo(right) >= 0;

    /// <summary>The timestamp of a <see cref="DateTimeOffset"/> (exact: its 100 ns ticks fit).</summary>
    /// <param name="value">The value; its offset is irrelevant, the instant is kept.</param>
    /// <returns>The timestamp.</returns>
    public static FabricTimestamp FromDateTimeOffset(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainder);
        if (remainder < 0)
        {
            seconds--;
            remainder += TimeSpan.TicksPerSecond;
        }

        return new FabricTimestamp(seconds, (int)remainder * NanosPerTick);
    }

    /// <summary>Parses the RFC 3339 form: <c>yyyy-MM-ddTHH:mm:ss</c>, 0 to 9 fractional digits, then <c>Z</c> or <c>±hh:mm</c>.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The timestamp.</returns>
    /// <exception cref="FormatException">The text is not in that form or out of range.</exception>
    public static FabricTimestamp Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var result)
            ? result
            : throw new FormatException($"'{s}' is not an RFC 3339 timestamp such as 2024-05-01T12:00:00.123456789Z (a time zone, Z or ±hh:mm, is required).");
    }

    /// <summary>Tries to parse the RFC 3339 form (see <see cref="Parse(string)"/>).</summary>
    /// <param name="s">The text.</param>
    /// <param name="result">The timestamp, when the text is valid.</param>
    /// <returns>Whether the text is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, out FabricTimestamp result)
    {
        result = default;
        if (s is null || s.Length < 20 || s[10] != 'T' && s[10] != 't')
        {
            return false;
        }

        // The date and whole seconds are parsed by the framework; the fraction by hand, because DateTimeOffset keeps
        // only seven of its digits.
        var fractionStart = 19;
        var fractionEnd = fractionStart;
        if (s[fractionStart] == '.')
        {
            fractionEnd = fractionStart + 1;
            while (fractionEnd < s.Length && char.IsAsciiDigit(s[fractionEnd]))
            {
                fractionEnd++;
            }

            if (fractionEnd == fractionStart + 1 || fractionEnd - fractionStart - 1 > 9)
            {
                return false;
            }
        }

        var zone = s[fractionEnd..];
        var whole = string.Concat(s.AsSpan(0, 10), "T", s.AsSpan(11, 8), zone is "Z" or "z" ? "+00:00" : zone);
        if (!DateTimeOffset.TryParseExact(whole, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            || !(zone is "Z" or "z" || (zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':')))
        {
            return false;
        }

        var nanos = 0;
        if (fractionEnd > fractionStart)
        {
            var digits = s.AsSpan(fractionStart + 1, fractionEnd - fractionStart - 1);
            nanos = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            for (var i = digits.Length; i < 9; i++)
            {
                nanos *= 10;
            }
        }

        var seconds = instant.ToUnixTimeSeconds();
        if (seconds is < MinSeconds or > MaxSeconds)
        {
            return false;
        }

        result = new FabricTimestamp(seconds, nanos);
        return true;
    }

    /// <summary>The instant as a <see cref="DateTimeOffset"/> in UTC, truncated to its 100 ns precision.</summary>
    /// <returns>The value.</returns>
    public DateTimeOffset ToDateTimeOffset() =>
        DateTimeOffset.UnixEpoch.AddTicks((Seconds * TimeSpan.TicksPerSecond) + (Nanos / NanosPerTick));

    /// <summary>The timestamp <paramref name="duration"/> later (earlier when negative), exact to the nanosecond.</summary>
    /// <param name="duration">The duration; its precision is 100 ns.</param>
    /// <returns>The new timestamp.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The result is outside the range of a timestamp.</exception>
    public FabricTimestamp Add(TimeSpan duration)
    {
        var totalNanos = (Int128)Seconds * NanosPerSecond + Nanos + ((Int128)duration.Ticks * NanosPerTick);
        var seconds = (long)Int128.DivRem(totalNanos, NanosPerSecond).Quotient;
        var nanos = (int)(totalNanos - ((Int128)seconds * NanosPerSecond));
        if (nanos < 0)
        {
            seconds--;
            nanos += NanosPerSecond;
        }

        return new FabricTimestamp(seconds, nanos);
    }

    /// <inheritdoc />
    public bool Equals(FabricTimestamp other) => Seconds == other.Seconds && Nanos == other.Nanos;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FabricTimestamp other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Seconds, Nanos);

    /// <inheritdoc />
    public int CompareTo(FabricTimestamp other)
    {
        var bySeconds = Seconds.CompareTo(other.Seconds);
        return bySeconds != 0 ? bySeconds : Nanos.CompareTo(other.Nanos);
    }

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        FabricTimestamp other => CompareTo(other),
        _ => throw new ArgumentException($"Cannot compare a {nameof(FabricTimestamp)} with a {obj.GetType().Name}.", nameof(obj)),
    };

    /// <summary>RFC 3339 in UTC with exactly nine fractional digits, e.g. <c>2024-05-01T12:00:00.123456789Z</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(FormattedLength, this, static (span, value) => value.TryFormat(span, out _));

    /// <summary>Writes <see cref="ToString()"/>'s form into <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to write; at least 30 characters.</param>
    /// <param name="charsWritten">30 on success, 0 otherwise.</param>
    /// <returns>Whether <paramref name="destination"/> was large enough.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        var whole = DateTimeOffset.FromUnixTimeSeconds(Seconds);
        if (destination.Length < FormattedLength
            || !whole.TryFormat(destination, out var written, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            || written != 19)
        {
            charsWritten = 0;
            return false;
        }

        destination[19] = '.';
        Nanos.TryFormat(destination[20..], out _, "D9", CultureInfo.InvariantCulture);
        destination[29] = 'Z';
        charsWritten = FormattedLength;
        return true;
    }
}
