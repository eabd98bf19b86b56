using System.Globalization;

namespace FabricEvidence.Verification;

/// <summary>
/// A transaction's timestamp exactly as its channel header holds it (<c>google.protobuf.Timestamp</c>): seconds since
/// the Unix epoch and nanoseconds. <see cref="DateTimeOffset"/> keeps only 100 ns ticks; this keeps all nine digits.
/// </summary>
/// <param name="Seconds">Seconds since 1970-01-01T00:00:00Z.</param>
/// <param name="Nanos">Nanoseconds within the second, 0 to 999,999,999.</param>
public readonly record struct FabricTimestamp(long Seconds, int Nanos)
{
    /// <summary>The time as a <see cref="DateTimeOffset"/> in UTC, truncated to 100 ns ticks.</summary>
    /// <returns>The time; <see cref="DateTimeOffset.MinValue"/> or <see cref="DateTimeOffset.MaxValue"/> when out of its range.</returns>
    public DateTimeOffset ToDateTimeOffset()
    {
        const long MinSeconds = -62135596800; // 0001-01-01
        const long MaxSeconds = 253402300799; // 9999-12-31T23:59:59
        if (Seconds < MinSeconds)
        {
            return DateTimeOffset.MinValue;
        }

        if (Seconds > MaxSeconds)
        {
            return DateTimeOffset.MaxValue;
        }

        return DateTimeOffset.FromUnixTimeSeconds(Seconds).AddTicks(Nanos / 100);
    }

    /// <summary>RFC 3339 in UTC with nine fractional digits, e.g. <c>2024-01-01T00:00:01.123456789Z</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
        + "." + Nanos.ToString("D9", CultureInfo.InvariantCulture) + "Z";
}
