using Google.Protobuf;
using Xunit.Abstractions;

namespace FabricEvidence.Protocol.Tests.Protos;

/// <summary>
/// Every message type we generate, checked against @hyperledger/fabric-protos (google-protobuf JavaScript): the
/// reference decodes our bytes and re-encodes them identically, we decode its bytes back to an equal message, and its
/// toObject() shows each of our values under the right field name.
/// </summary>
public sealed class MessageRoundTripTests(MessageRoundTripFixture fixture, ITestOutputHelper output) : IClassFixture<MessageRoundTripFixture>
{
    public static TheoryData<string> MessageTypes()
    {
        var data = new TheoryData<string>();
        foreach (var message in ProtocolCatalog.Messages)
        {
            data.Add(message.FullName);
        }

        return data;
    }

    [Fact]
    public void Catalog_finds_the_messages_of_every_generated_file_including_nested_ones()
    {
        var names = ProtocolCatalog.Messages.Select(m => m.FullName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("common.Envelope", names);
        Assert.Contains("common.SignaturePolicy.NOutOf", names);
        Assert.Contains("gateway.EvaluateRequest", names);
        Assert.DoesNotContain(names, n => n.StartsWith("google.protobuf.", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.EndsWith("Entry", StringComparison.Ordinal) && ProtocolCatalog.IsMapEntry(ProtocolCatalog.Message(n)));
        var filesWithoutMessages = ProtocolCatalog.Files.Where(f => f.MessageTypes.Count == 0).Select(f => f.Name);
        Assert.Equal(["peer/peer.proto"], filesWithoutMessages); // services only
        output.WriteLine($"{ProtocolCatalog.Files.Count} files, {names.Count} message types, {fixture.SamplesByType.Values.Sum(s => s.Count)} sample instances.");
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Samples_give_every_field_a_distinct_non_default_value(string messageType)
    {
        var descriptor = ProtocolCatalog.Message(messageType);

        var samples = fixture.SamplesByType[messageType];

        Assert.Empty(SampleMessages.CoverageGaps(descriptor, samples));
    }

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public void Message_round_trips_byte_for_byte_through_fabric_protos_with_every_field_under_its_own_name(string messageType)
    {
        var samples = fixture.SamplesByType[messageType];
        var problems = new List<string>();

        foreach (var sample in samples)
        {
            problems.AddRange(RoundTripCheck.Problems(sample, sample.Message.ToByteArray(), fixture.ReferenceById.GetValueOrDefault(sample.Id)));
        }

        if (problems.Count > 0)
        {
            Assert.Fail($"{messageType}: {problems.Count} problem(s) across {samples.Count} sample(s)\n" + string.Join("\n", problems));
        }
    }

    [Fact]
    public void A_field_number_the_reference_does_not_know_fails_both_the_byte_and_the_name_check()
    {
        var mutant = fixture.Mutants["tx_id 5->15"];

        var problems = RoundTripCheck.Problems(mutant.Original, mutant.Bytes, fixture.ReferenceById.GetValueOrDefault(mutant.Id)).ToList();
        output.WriteLine(string.Join("\n", problems));

        Assert.Contains(problems, p => p.Contains("C#->Node: the reference re-encoded", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("toObject(): $.txId [common.ChannelHeader.tx_id = 5]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("channel_id 4<->tx_id 5", "$.channelId [common.ChannelHeader.channel_id = 4]", "$.txId [common.ChannelHeader.tx_id = 5]")]
    [InlineData("type 1<->version 2", "$.type [common.ChannelHeader.type = 1]", "$.version [common.ChannelHeader.version = 2]")]
    public void Swapped_same_typed_field_numbers_survive_the_byte_check_but_fail_the_name_check(string mutation, string first, string second)
    {
        var mutant = fixture.Mutants[mutation];

        var problems = RoundTripCheck.Problems(mutant.Original, mutant.Bytes, fixture.ReferenceById.GetValueOrDefault(mutant.Id)).ToList();
        output.WriteLine(string.Join("\n", problems));

        // The swapped encoding is a valid message the reference re-encodes unchanged: bytes alone cannot see it.
        Assert.DoesNotContain(problems, p => p.Contains("C#->Node", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("toObject(): " + first, StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("toObject(): " + second, StringComparison.Ordinal));
    }
}
