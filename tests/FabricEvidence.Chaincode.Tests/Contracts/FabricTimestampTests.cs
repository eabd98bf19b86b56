using System.Text;
using System.Text.Json;

namespace FabricEvidence.Chaincode.Tests.Contracts;

public sealed class FabricTimestampTests
{
    public sealed record Stamped(string Id, FabricTimestamp At);

    [Theory]
    [InlineData(0L, 0, "1970-01-01T00:00:00.000000000Z")]
    [InlineData(1_714_564_800L, 123_456_789, "2024-05-01T12:00:00.123456789Z")]
    [InlineData(-1L, 999_999_999, "1969-12-31T23:59:59.999999999Z")]
    [InlineData(FabricTimestamp.MinSeconds, 0, "0001-01-01T00:00:00.000000000Z")]
    [InlineData(FabricTimestamp.MaxSeconds, 999_999_999, "9999-12-31T23:59:59.999999999Z")]
    public void Text_form_is_RFC_3339_UTC_with_nine_digits_and_parses_back_exactly(long seconds, int nanos, string text)
    {
        var timestamp = new FabricTimestamp(seconds, nanos);

        Assert.Equal(text, timestamp.ToString());
        Assert.Equal(timestamp, FabricTimestamp.Parse(text));
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000000000Z")]
    [InlineData("2024-05-01T12:00:00.5Z", "2024-05-01T12:00:00.500000000Z")]
    [InlineData("2024-05-01T14:00:00.000000001+02:00", "2024-05-01T12:00:00.000000001Z")]
    [InlineData("2024-05-01t12:00:00.12z", "2024-05-01T12:00:00.120000000Z")]
    public void Parse_accepts_fewer_digits_and_offsets(string input, string expected)
    {
        Assert.Equal(expected, FabricTimestamp.Parse(input).ToString());
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00")]
    [InlineData("2024-05-01T12:00:00.Z")]
    [InlineData("2024-05-01T12:00:00.1234567890Z")]
    [InlineData("2024-05-01 12:00:00Z")]
    [InlineData("2024-13-01T12:00:00Z")]
    [InlineData("2024-05-01T12:00:00+0200")]
    [InlineData("")]
    public void Parse_rejects_text_without_a_zone_or_with_a_bad_form(string input)
    {
        Assert.False(FabricTimestamp.TryParse(input, out _));
        Assert.Throws<FormatException>(() => FabricTimestamp.Parse(input));
    }

    [Theory]
    [InlineData(FabricTimestamp.MinSeconds - 1, 0)]
    [InlineData(FabricTimestamp.MaxSeconds + 1, 0)]
    [InlineData(0L, -1)]
    [InlineData(0L, 1_000_000_000)]
    public void Out_of_range_parts_are_refused(long seconds, int nanos)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FabricTimestamp(seconds, nanos));
    }

    [Fact]
    public void Order_and_arithmetic_are_exact_to_the_nanosecond()
    {
        var a = new FabricTimestamp(10, 999_999_999);
        var b = a.Add(TimeSpan.FromTicks(1));

        Assert.Equal(new FabricTimestamp(11, 99), b);
        Assert.True(a < b && b > a && a <= b && b >= a && a != b);
        Assert.Equal(a, b.Add(TimeSpan.FromTicks(-1)));
        Assert.Equal(new FabricTimestamp(-1, 999_999_900), FabricTimestamp.UnixEpoch.Add(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void DateTimeOffset_conversion_keeps_ticks_and_truncates_the_last_two_digits()
    {
        var instant = new DateTimeOffset(2024, 5, 1, 14, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        var timestamp = FabricTimestamp.FromDateTimeOffset(instant);

        Assert.Equal("2024-05-01T12:00:00.123456700Z", timestamp.ToString());
        Assert.Equal(instant, timestamp.ToDateTimeOffset());
        Assert.Equal(instant, new FabricTimestamp(timestamp.Seconds, timestamp.Nanos + 99).ToDateTimeOffset());
    }

    [Fact]
    public void ChaincodeJson_writes_the_lossless_form_and_reads_it_back()
    {
        var value = new Stamped("e1", new FabricTimestamp(1_714_564_800, 123_456_789));

        var json = ChaincodeJson.Serialize(value);

        Assert.Equal("""{"at":"2024-05-01T12:00:00.123456789Z","id":"e1"}""", Encoding.UTF8.GetString(json));
        Assert.Equal(value, ChaincodeJson.Deserialize<Stamped>(json));
        Assert.Throws<JsonException>(() => ChaincodeJson.Deserialize<Stamped>("""{"at":"2024-05-01T12:00:00","id":"e1"}"""u8));
        Assert.Throws<JsonException>(() => ChaincodeJson.Deserialize<Stamped>("""{"at":1714564800,"id":"e1"}"""u8));
    }
}
