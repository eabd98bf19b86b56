using System.Text.Json.Nodes;
using Google.Protobuf.Reflection;

namespace FabricEvidence.Protocol.Tests.Protos;

/// <summary>What @hyperledger/fabric-protos defines, per generated file and as reachable on globalThis.proto.</summary>
public sealed class ReferenceInventoryFixture : IAsyncLifetime
{
    internal string Version { get; private set; } = string.Empty;

    /// <summary>Source .proto path → (message full names, enum full name → value name → number).</summary>
    internal IReadOnlyDictionary<string, (IReadOnlyList<string> Messages, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Enums)> Files { get; private set; } =
        new Dictionary<string, (IReadOnlyList<string>, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>)>();

    /// <summary>Message classes found by walking globalThis.proto.&lt;package&gt; for each package we declare.</summary>
    internal IReadOnlyList<string> Walked { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var stdout = await NodeRunner.RunAsync("protos", "inventory.js", [.. ProtocolCatalog.Packages]);
        var root = JsonNode.Parse(stdout) ?? throw new InvalidOperationException("inventory.js printed nothing.");

        Version = root["version"]!.GetValue<string>();
        Files = root["files"]!.AsArray().ToDictionary(
            f => f!["source"]!.GetValue<string>(),
            f => (
                (IReadOnlyList<string>)f!["messages"]!.AsArray().Select(m => m!.GetValue<string>()).ToList(),
                (IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>)f["enums"]!.AsArray().ToDictionary(
                    e => e!["name"]!.GetValue<string>(),
                    e => (IReadOnlyDictionary<string, int>)e!["values"]!.AsObject().ToDictionary(v => v.Key, v => v.Value!.GetValue<int>(), StringComparer.Ordinal),
                    StringComparer.Ordinal)),
            StringComparer.Ordinal);
        Walked = root["walked"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// Nothing the reference defines in the files we mirror is missing on our side, and the files we do not mirror are a
/// known, explicit list, so a message we forgot cannot pass unnoticed.
/// </summary>
public sealed class ReferenceCompletenessTests(ReferenceInventoryFixture reference) : IClassFixture<ReferenceInventoryFixture>
{
    private const string PinnedVersion = "0.3.7";

    // Files of @hyperledger/fabric-protos we deliberately do not define: orderer-to-orderer cluster traffic and
    // consensus plug-in configuration, peer-internal storage, gossip, the discovery service and the transient store;
    // and google.rpc.Status, the standard gRPC error model, which Grpc.StatusProto (Google.Api.CommonProtos) defines.
    private static readonly string[] FilesWeDoNotDefine =
    [
        "discovery/protocol.proto",
        "google/rpc/status.proto",
        "gossip/message.proto",
        "orderer/cluster.proto",
        "orderer/clusterserver.proto",
        "orderer/etcdraft/configuration.proto",
        "orderer/etcdraft/metadata.proto",
        "orderer/smartbft/configuration.proto",
        "peer/resources.proto",
        "peer/signed_cc_dep_spec.proto",
        "peer/snapshot.proto",
        "transientstore/transientstore.proto",
    ];

    [Fact]
    public void Reference_package_is_the_pinned_version()
    {
        Assert.Equal(PinnedVersion, reference.Version);
    }

    [Fact]
    public void Reference_files_we_do_not_define_are_exactly_the_listed_exclusions()
    {
        var ours = ProtocolCatalog.Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

        var notOurs = reference.Files.Keys.Where(f => !ours.Contains(f)).Order(StringComparer.Ordinal);
        var oursMissingFromReference = ours.Where(f => !reference.Files.ContainsKey(f)).Order(StringComparer.Ordinal);

        Assert.Equal(FilesWeDoNotDefine.Order(StringComparer.Ordinal), notOurs);
        Assert.Empty(oursMissingFromReference);
    }

    [Fact]
    public void Every_file_we_define_has_exactly_the_reference_messages()
    {
        var problems = new List<string>();

        foreach (var file in ProtocolCatalog.Files)
        {
            if (!reference.Files.TryGetValue(file.Name, out var theirs))
            {
                problems.Add($"{file.Name}: not in @hyperledger/fabric-protos");
                continue;
            }

            var ourMessages = ProtocolCatalog.Messages.Where(m => m.File == file).Select(m => m.FullName).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(theirs.Messages.Where(m => !ourMessages.Contains(m)).Select(m => $"{file.Name}: we lack message {m}"));
            problems.AddRange(ourMessages.Where(m => !theirs.Messages.Contains(m)).Select(m => $"{file.Name}: we define {m}, the reference does not"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Every_message_class_reachable_under_our_packages_exists_on_our_side_or_comes_from_an_excluded_file()
    {
        var ours = ProtocolCatalog.Messages.Select(m => m.FullName).ToHashSet(StringComparer.Ordinal);
        var sourceOf = reference.Files
            .SelectMany(f => f.Value.Messages.Select(m => (Message: m, Source: f.Key)))
            .ToDictionary(x => x.Message, x => x.Source, StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (var name in reference.Walked)
        {
            if (ours.Contains(name))
            {
                continue;
            }

            if (!sourceOf.TryGetValue(name, out var source))
            {
                problems.Add($"proto.{name}: reachable in the reference but registered by no generated file");
            }
            else if (!FilesWeDoNotDefine.Contains(source, StringComparer.Ordinal))
            {
                problems.Add($"proto.{name} (from {source}): missing on our side");
            }
        }

        Assert.NotEmpty(reference.Walked);
        Assert.Contains("common.Envelope", reference.Walked);
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_enum_we_define_has_the_reference_names_and_numbers()
    {
        var problems = new List<string>();
        var ourEnums = ProtocolCatalog.Enums();

        foreach (var file in ProtocolCatalog.Files)
        {
            var theirs = reference.Files[file.Name].Enums
                .Where(e => !IsOneofCaseEnum(e.Key))
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            var mine = ourEnums.Where(e => e.File == file).ToDictionary(e => e.FullName, StringComparer.Ordinal);

            problems.AddRange(theirs.Keys.Where(n => !mine.ContainsKey(n)).Select(n => $"{file.Name}: we lack enum {n}"));
            foreach (var (name, descriptor) in mine)
            {
                if (!theirs.TryGetValue(name, out var values))
                {
                    problems.Add($"{file.Name}: we define enum {name}, the reference does not");
                    continue;
                }

                var ourValues = descriptor.Values.ToDictionary(v => v.Name, v => v.Number, StringComparer.Ordinal);
                problems.AddRange(values.Where(v => !ourValues.TryGetValue(v.Key, out var n) || n != v.Value)
                    .Select(v => $"{name}.{v.Key}: reference {v.Value}, ours {(ourValues.TryGetValue(v.Key, out var n) ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "missing")}"));
                problems.AddRange(ourValues.Keys.Where(k => !values.ContainsKey(k)).Select(k => $"{name}.{k}: we define it, the reference does not"));
            }
        }

        Assert.Empty(problems);
    }

    // jspb generates a "<Oneof>Case" enum for every oneof; it has no counterpart in the .proto file.
    private static bool IsOneofCaseEnum(string fullName)
    {
        var lastDot = fullName.LastIndexOf('.');
        var owner = fullName[..lastDot];
        var name = fullName[(lastDot + 1)..];
        var message = ProtocolCatalog.Messages.FirstOrDefault(m => m.FullName == owner);
        return message is not null && message.Oneofs.Any(o => OneofCaseName(o) == name);
    }

    private static string OneofCaseName(OneofDescriptor oneof) =>
        string.Concat(oneof.Name.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant())) + "Case";
}
