using System.Text;
using FabricEvidence.Chaincode.ProtocolPeer;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Xunit.Abstractions;
using MessageType = FabricEvidence.Protocol.Peer.ChaincodeMessage.Types.Type;

namespace FabricEvidence.Chaincode.Tests.Shim;

/// <summary>
/// Runs the same scripted conversations against Hyperledger's Node shim (tests/testassets/node/chaincode, fabric-shim 2.5.8)
/// and against our runtime, both serving the same reference chaincode, and asserts that the transcripts match
/// message for message: every request the chaincode sends, with its decoded payload, and every reply.
/// </summary>
/// <remarks>
/// Normalisations (each one is something that legitimately differs, not a difference in behaviour):
/// <list type="bullet">
/// <item>Iterator ids are random UUID-like strings chosen by the peer; they become #1, #2… per transaction.</item>
/// <item><c>ChaincodeMessage.timestamp</c> is not compared (neither shim sets it; the peer ignores it).</item>
/// <item>For the few transactions marked "message may differ", the text of a status-500 COMPLETED written by the
///   shim itself (argument validation) is not compared — only that it is a 500 and that nothing was sent before it.
///   Messages that come from the peer (ERROR replies passed through) are compared exactly.</item>
/// </list>
/// Both runs use the same client identity and proposal seed, so txids, proposals and bindings are identical.
/// Not covered here because the Node shim cannot do them: KEEPALIVE (fabric-shim 2.5.8 exits the process on it),
/// GET_STATE_MULTIPLE and WRITE_BATCH_STATE (absent from fabric-shim); the unit tests cover those.
/// </remarks>
public sealed class TranscriptConformanceTests
{
    private readonly ITestOutputHelper _output;

    public TranscriptConformanceTests(ITestOutputHelper output) => _output = output;

    private sealed record Step(string Label, TransactionRequest Request, bool MessageMayDiffer = false);

    private sealed record Scenario(string Name, Action<InMemoryLedger> Seed, IReadOnlyList<IReadOnlyList<Step>> Rounds, Action<TestPeerOptions>? Configure = null);

    private static Step S(params string[] args) => new(string.Join(" ", args), new TransactionRequest(args));

    private static IReadOnlyList<Step> One(Step step) => new[] { step };

    private static List<IReadOnlyList<Step>> Sequential(params Step[] steps) => steps.Select(One).ToList();

    [Fact]
    public Task State_reads_writes_errors_events_and_transaction_info_match_the_node_shim() => RunAsync(new Scenario(
        "basic",
        ledger =>
        {
            ledger.Seed("k1", "v1");
            ledger.Seed("k2", "v2");
        },
        Sequential(
            S("get", "k1"),
            S("get", "missing"),
            S("put", "k3", "v3"),
            S("get", "k3"),
            S("del", "k1"),
            S("get", "k1"),
            S("getput", "k2", "v2b"),
            S("fail", "explicit failure"),
            S("unknownFunction"),
            S("event", "AssetCreated", "{\"id\":1}"),
            S("concurrent", "k2", "k3", "missing"),
            new Step("txinfo with transient", new TransactionRequest("txinfo", "p1", "p2")
            {
                Transient = new Dictionary<string, byte[]> { ["secret"] = Encoding.UTF8.GetBytes("s3cr3t"), ["a"] = Encoding.UTF8.GetBytes("1") },
            }),
            new Step("range with a composite-namespace start", new TransactionRequest("range", "\0bad", ""), MessageMayDiffer: true))));

    [Fact]
    public Task Range_queries_with_batches_early_close_and_pagination_match_the_node_shim() => RunAsync(new Scenario(
        "ranges",
        ledger =>
        {
            for (var i = 0; i < 250; i++)
            {
                ledger.Seed($"key{i:D3}", $"value{i}");
            }
        },
        Sequential(
            S("range", "", ""),
            S("range", "key010", "key020"),
            S("range", "key100", "key300"),
            S("rangeFirst", "", "", "150"),
            S("rangeFirst", "key000", "key050", "10"),
            S("range", "zzz", ""),
            S("rangePage", "key000", "key100", "30", ""),
            S("rangePage", "key000", "key100", "30", "key030"),
            S("rangePage", "key240", "", "30", ""))));

    /// <summary>
    /// The benchmark's driver (a minimal single-threaded HTTP/2 client) must hold the same conversations as the gRPC
    /// one, or the benchmark would measure something else. Values of 300 KB travel in many DATA frames both ways (the
    /// peer's RESPONSE to GET_STATE, and the chaincode's COMPLETED), so framing and reassembly are exercised too.
    /// </summary>
    [Fact]
    public Task The_benchmark_driver_holds_the_same_conversations_with_both_shims() => RunAsync(RawDriverScenario());

    [Fact]
    public async Task The_benchmark_driver_and_the_grpc_driver_record_the_same_conversation()
    {
        using var identity = TestIdentity.Create();
        var grpcScenario = RawDriverScenario() with { Configure = null };
        List<(Step Step, TransactionResult Result)> viaGrpc, viaRaw;
        await using (var server = await ReferenceServers.StartDotnetAsync())
        {
            viaGrpc = await RunAgainstAsync(server, grpcScenario, identity);
            viaRaw = await RunAgainstAsync(server, RawDriverScenario(), identity);
        }

        Assert.Equal(viaGrpc.Count, viaRaw.Count);
        for (var i = 0; i < viaGrpc.Count; i++)
        {
            Assert.Equal(Normalise(viaGrpc[i].Result, viaGrpc[i].Step), Normalise(viaRaw[i].Result, viaRaw[i].Step));
        }

        Assert.Equal(300_000, viaRaw.Single(r => r.Step.Label == "get big").Result.Payload.Length);
    }

    private static Scenario RawDriverScenario() => new(
        "raw-driver",
        ledger =>
        {
            ledger.Seed("k1", "v1");
            ledger.Seed("big", new string('b', 300_000));
            for (var i = 0; i < 150; i++)
            {
                ledger.Seed($"key{i:D3}", $"value{i}");
            }
        },
        Sequential(
            S("get", "k1"),
            S("getput", "k1", "v1b"),
            S("get", "big"),
            new Step("put big2 (300 KB)", new TransactionRequest("put", "big2", new string('c', 300_000))),
            S("range", "key000", ""),
            S("fail", "explicit failure"),
            S("event", "AssetCreated", "{\"id\":1}")),
        options =>
        {
            options.Transport = PeerTransport.RawHttp2;
            options.ResumeCallersOnReadLoop = true;
        });

    [Fact]
    public Task Composite_keys_rich_queries_and_history_match_the_node_shim() => RunAsync(new Scenario(
        "composite",
        ledger =>
        {
            ledger.Seed("doc1", "{\"owner\":\"alice\",\"size\":1}");
            ledger.Seed("doc2", "{\"owner\":\"bob\",\"size\":2}");
            ledger.Seed("doc3", "{\"owner\":\"alice\",\"size\":3}");
            ledger.Seed("doc4", "{\"owner\":\"alice\",\"size\":4}");
        },
        Sequential(
            S("composite", "asset", "red", "1"),
            S("composite", "asset", "red", "2"),
            S("composite", "asset", "blue", "1"),
            S("composite", "owner", "alice"),
            S("partial", "asset", "red"),
            S("partial", "asset"),
            S("partialPage", "asset", "2", ""),
            S("query", "{\"selector\":{\"owner\":\"alice\"}}"),
            S("queryPage", "{\"selector\":{\"owner\":\"alice\"}}", "2", ""),
            S("queryPage", "{\"selector\":{\"owner\":\"alice\"}}", "2", "doc3"),
            S("put", "h", "first"),
            S("put", "h", "second"),
            S("del", "h"),
            S("history", "h"))));

    [Fact]
    public Task Private_data_and_key_level_endorsement_match_the_node_shim() => RunAsync(new Scenario(
        "private",
        ledger =>
        {
            ledger.Seed("p0", "zero", "secrets");
            ledger.Seed("pub", "public");
        },
        Sequential(
            S("pput", "secrets", "p1", "one"),
            S("pget", "secrets", "p1"),
            S("pget", "secrets", "absent"),
            S("phash", "secrets", "p1"),
            S("prange", "secrets", "", ""),
            S("pdel", "secrets", "p0"),
            S("ppurge", "secrets", "p1"),
            S("pquery", "secrets", "{\"selector\":{\"x\":1}}"),
            S("sbeset", "pub", "0a0b0c"),
            S("sbeget", "pub"),
            S("sbeget", "nopolicy"),
            S("psbeset", "secrets", "p0", "0d0e"),
            S("psbeget", "secrets", "p0"),
            new Step("private data in Init is refused by the peer", new TransactionRequest("pget", "secrets", "p0") { IsInit = true }))));

    [Fact]
    public Task Chaincode_to_chaincode_calls_match_the_node_shim() => RunAsync(new Scenario(
        "invoke",
        _ => { },
        Sequential(
            S("invoke", "other", "", "a", "b"),
            S("invoke", "other", "otherchannel", "x"),
            S("invoke", "failing", "", "x"),
            S("invoke", "absent", "", "x")),
        options =>
        {
            options.OtherChaincodes["other"] = (channel, input) => new ChaincodeMessage
            {
                Type = MessageType.Completed,
                Payload = new Response
                {
                    Status = 200,
                    Message = "fine",
                    Payload = ByteString.CopyFromUtf8($"{channel}:{string.Join(",", input.Args.Select(a => a.ToStringUtf8()))}"),
                }.ToByteString(),
            };
            options.OtherChaincodes["failing"] = (_, _) => new ChaincodeMessage
            {
                Type = MessageType.Completed,
                Payload = new Response { Status = 500, Message = "callee refused" }.ToByteString(),
            };
        }));

    [Fact]
    public Task Concurrent_transactions_on_one_stream_match_the_node_shim() => RunAsync(new Scenario(
        "concurrent",
        ledger =>
        {
            for (var i = 0; i < 16; i++)
            {
                ledger.Seed($"c{i:D2}", $"v{i}");
            }
        },
        new[]
        {
            (IReadOnlyList<Step>)Enumerable.Range(0, 16).Select(i => S("getput", $"c{i:D2}", $"w{i}")).ToList(),
            Enumerable.Range(0, 8).Select(i => S("range", $"c{i:D2}", $"c{i + 4:D2}")).ToList(),
        },
        options => options.ResponseDelay = TimeSpan.FromMilliseconds(2)));

    private async Task RunAsync(Scenario scenario)
    {
        using var identity = TestIdentity.Create();
        List<(Step Step, TransactionResult Result)> node;
        await using (var server = await ReferenceServers.StartNodeAsync())
        {
            node = await RunAgainstAsync(server, scenario, identity);
        }

        List<(Step Step, TransactionResult Result)> dotnet;
        await using (var server = await ReferenceServers.StartDotnetAsync())
        {
            dotnet = await RunAgainstAsync(server, scenario, identity);
        }

        Assert.Equal(node.Count, dotnet.Count);
        var failures = new List<string>();
        for (var i = 0; i < node.Count; i++)
        {
            var (step, expected) = node[i];
            var actual = dotnet[i].Result;
            var expectedLines = Normalise(expected, step);
            var actualLines = Normalise(actual, step);
            _output.WriteLine($"== {scenario.Name}: {step.Label}");
            foreach (var line in actualLines)
            {
                _output.WriteLine("   " + line);
            }

            if (!expectedLines.SequenceEqual(actualLines))
            {
                failures.Add($"{step.Label}:{Environment.NewLine}  node:{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", expectedLines)}{Environment.NewLine}  dotnet:{Environment.NewLine}    {string.Join(Environment.NewLine + "    ", actualLines)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // The scenario must exercise the chaincode, not only fail: most steps succeed.
        Assert.Contains(dotnet, r => r.Result.Status == 200);
    }

    private static async Task<List<(Step, TransactionResult)>> RunAgainstAsync(ChaincodeUnderTest server, Scenario scenario, TestIdentity identity)
    {
        var options = new TestPeerOptions { Proposals = new ProposalFactory(identity, scenario.Name) };
        scenario.Configure?.Invoke(options);
        scenario.Seed(options.Ledger = new InMemoryLedger());
        TestPeer peer;
        try
        {
            peer = await TestPeer.ConnectAsync(server.Address, options);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Handshake with the {server.Name} chaincode failed. stderr: {server.NodeProcess?.Stderr} stdout: {server.NodeProcess?.Stdout}", ex);
        }

        await using var _ = peer;
        Assert.Equal(ReferenceServers.ChaincodeId, peer.RegisteredChaincodeId);
        var results = new List<(Step, TransactionResult)>();
        foreach (var round in scenario.Rounds)
        {
            // Proposals are created in step order before the round starts, so txids do not depend on scheduling.
            var running = round.Select(step => (step, task: peer.ExecuteAsync(step.Request))).ToList();
            foreach (var (step, task) in running)
            {
                results.Add((step, await task));
            }
        }

        Assert.Empty(peer.Violations);
        return results;
    }

    private static List<string> Normalise(TransactionResult result, Step step)
    {
        var lines = result.Transcript.ToList();
        if (step.MessageMayDiffer && result.Status == 500)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i].StartsWith("cc->peer COMPLETED status=500", StringComparison.Ordinal))
                {
                    var at = lines[i].IndexOf(" message=", StringComparison.Ordinal);
                    var end = lines[i].IndexOf(" payload=", StringComparison.Ordinal);
                    lines[i] = lines[i][..at] + " message=<shim validation message>" + lines[i][end..];
                }
            }
        }

        return lines;
    }
}
