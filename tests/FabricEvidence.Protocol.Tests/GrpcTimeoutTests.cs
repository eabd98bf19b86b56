using FabricEvidence.Protocol.Internal;

namespace FabricEvidence.Protocol.Tests;

public class GrpcTimeoutTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(200)]
    [InlineData(5_000)]
    [InlineData(60_000)]
    [InlineData(3_600_000)]
    public void Formatted_timeout_parses_back_to_at_least_the_original(int milliseconds)
    {
        var timeout = TimeSpan.FromMilliseconds(milliseconds);

        Assert.True(GrpcProtocol.TryParseTimeout(GrpcProtocol.FormatTimeout(timeout), out var parsed));

        Assert.InRange(parsed, timeout, timeout + TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData("5000000u", 5_000)]
    [InlineData("250m", 250)]
    [InlineData("7S", 7_000)]
    [InlineData("50000000n", 50)]
    public void Each_unit_is_read_at_its_scale(string header, int expectedMilliseconds)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(header, out var parsed));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), parsed);
    }
}
