using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace FabricEvidence.Protocol.Tests.Protos;

/// <summary>What the reference made of one sample: its re-encoding and its toObject(), or why it could not decode it.</summary>
internal sealed record ReferenceRoundTrip(byte[]? Bytes, JsonNode? Object, string? Error);

/// <summary>
/// A sample re-encoded as if our .proto file had wrong field numbers; the round-trip checks must reject it.
/// </summary>
internal sealed record Mutant(string Id, SampleMessage Original, byte[] Bytes);

/// <summary>
/// Builds the samples of every message type and sends them all to tests/testassets/node/protos/roundtrip.js in one Node process,
/// so the per-type test cases only look their results up. A failure here (Node missing, dependencies not installed)
/// fails every test of the class; nothing is skipped.
/// </summary>
public sealed class MessageRoundTripFixture : IAsyncLifetime
{
    internal IReadOnlyDictionary<string, IReadOnlyList<SampleMessage>> SamplesByType { get; private set; } =
        new Dictionary<string, IReadOnlyList<SampleMessage>>();

    internal IReadOnlyDictionary<string, ReferenceRoundTrip> ReferenceById { get; private set; } =
        new Dictionary<string, ReferenceRoundTrip>();

    /// <summary>common.ChannelHeader with a renumbered field and with swapped pairs, sent along with the samples.</summary>
    internal IReadOnlyDictionary<string, Mutant> Mutants { get; private set; } = new Dictionary<string, Mutant>();

    public async Task InitializeAsync()
    {
        SamplesByType = ProtocolCatalog.Messages.ToDictionary(
            m => m.FullName,
            SampleMessages.For,
            StringComparer.Ordinal);

        var channelHeader = SamplesByType["common.ChannelHeader"][0];
        Mutants = new Dictionary<string, Mutant>(StringComparer.Ordinal)
        {
            ["tx_id 5->15"] = Mutate(channelHeader, "tx_id 5->15", new() { [5] = 15 }),
            ["channel_id 4<->tx_id 5"] = Mutate(channelHeader, "channel_id 4<->tx_id 5", new() { [4] = 5, [5] = 4 }),
            ["type 1<->version 2"] = Mutate(channelHeader, "type 1<->version 2", new() { [1] = 2, [2] = 1 }),
        };

        var request = SamplesByType.Values.SelectMany(s => s)
            .Select(s => new { id = s.Id, type = s.Descriptor.FullName, bytes = Convert.ToBase64String(s.Message.ToByteArray()) })
            .Concat(Mutants.Values.Select(m => new { id = m.Id, type = m.Original.Descriptor.FullName, bytes = Convert.ToBase64String(m.Bytes) }));
        var stdout = await NodeRunner.RunAsync("protos", "roundtrip.js", [], JsonSerializer.Serialize(request));

        var results = JsonNode.Parse(stdout)?["results"] as JsonArray
            ?? throw new InvalidOperationException("roundtrip.js printed no 'results' array: " + stdout[..Math.Min(stdout.Length, 500)]);
        var byId = new Dictionary<string, ReferenceRoundTrip>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var id = result?["id"]?.GetValue<string>() ?? throw new InvalidOperationException("roundtrip.js returned a result without an id.");
            var bytes = result["bytes"]?.GetValue<string>();
            byId.Add(id, new ReferenceRoundTrip(
                bytes is null ? null : Convert.FromBase64String(bytes),
                result["object"],
                result["error"]?.GetValue<string>()));
        }

        ReferenceById = byId;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Mutant Mutate(SampleMessage original, string name, Dictionary<int, int> numbers) =>
        new($"mutant: {original.Descriptor.FullName} {name}", original, WireRenumbering.Renumber(original.Message.ToByteArray(), numbers));
}
