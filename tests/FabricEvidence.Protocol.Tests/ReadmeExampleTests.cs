using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Protocol.Tests;

/// <summary>The package README's opening example, run.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void The_README_opens_with_the_example_this_test_runs()
    {
        var (mirrored, problem) = ReadmeSnippets.IsMirrored("sdk/FabricEvidence.Protocol/README.md", "tests/FabricEvidence.Protocol.Tests/ReadmeExampleTests.cs");

        Assert.True(mirrored, problem);
    }

    [Fact]
    public void The_README_example_round_trips_a_channel_header_with_nanoseconds()
    {
        var output = new StringWriter();
        var console = Console.Out;
        Console.SetOut(output);
        try
        {
            var header = new ChannelHeader
            {
                Type = (int)HeaderType.EndorserTransaction,
                ChannelId = "evidence",
                TxId = "4f6c1d2e",
                Timestamp = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1_767_225_600, Nanos = 123_456_789 },
            };
            byte[] bytes = header.ToByteArray();
            var parsed = ChannelHeader.Parser.ParseFrom(bytes);
            Console.WriteLine($"{parsed.ChannelId} {parsed.TxId} {(HeaderType)parsed.Type}");

            Assert.Equal(123_456_789, parsed.Timestamp.Nanos);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal("evidence 4f6c1d2e EndorserTransaction", output.ToString().Trim());
    }
}
