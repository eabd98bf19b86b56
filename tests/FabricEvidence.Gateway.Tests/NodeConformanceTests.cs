using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FabricEvidence.Gateway.Internal;
using FabricEvidence.Gateway.Tests.Infrastructure;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Msp;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using SeekInfo = FabricEvidence.Protocol.Orderer.SeekInfo;

namespace FabricEvidence.Gateway.Tests;

/// <summary>
/// Conformance with Hyperledger's official Node client (@hyperledger/fabric-gateway, run from tests/testassets/node/gateway):
/// each side accepts and verifies the other's offline-signed steps, and both send the same requests.
/// </summary>
public class NodeConformanceTests
{
    private const string Package = "gateway";
    private static readonly string[] StepNames = { "proposal", "transaction", "commit", "chaincodeEvents", "blockEvents", "filteredBlockEvents", "blockAndPrivateDataEvents" };

    private static void AddLedger(FakeGatewayServer server)
    {
        server.Blocks.Add(new FakeBlock(1, new[] { new FakeTransaction("t1", "basic", "Created", "one"u8.ToArray()) }));
        server.Blocks.Add(new FakeBlock(2, new[] { new FakeTransaction("t2", "basic", "Updated", "two"u8.ToArray()) }));
    }

    private static JsonObject Input(GatewayFixture fixture) => new()
    {
        ["address"] = fixture.Server.Address.Authority,
        ["mspId"] = fixture.Credentials.MspId,
        ["certPem"] = fixture.Credentials.CertificatePem,
        ["keyPem"] = fixture.Credentials.PrivateKeyPem,
        ["channel"] = "mychannel",
        ["chaincode"] = "basic",
    };

    private static async Task<JsonElement> RunNodeAsync(string script, JsonObject input)
    {
        var output = await NodeRunner.RunAsync(Package, script, Array.Empty<string>(), input.ToJsonString());
        return JsonDocument.Parse(output).RootElement;
    }

    private static byte[] Bytes(JsonElement element, string property) => Convert.FromBase64String(element.GetProperty(property).GetString()!);

    [Theory]
    [InlineData(PrivateKeyAlgorithm.EcdsaP256)]
    [InlineData(PrivateKeyAlgorithm.EcdsaP384)]
    [InlineData(PrivateKeyAlgorithm.Ed25519)]
    public async Task Node_clients_offline_signed_steps_are_accepted_verified_and_usable_by_the_SDK(PrivateKeyAlgorithm algorithm)
    {
        var credentials = TestCredentials.Create(algorithm);
        await using var fixture = await GatewayFixture.StartAsync(offline: true, credentials: credentials);
        AddLedger(fixture.Server);
        var input = Input(fixture);
        input["signatureCount"] = 300;

        var node = await RunNodeAsync("offline.js", input);

        Assert.Empty(fixture.Server.Violations);
        Assert.True(node.GetProperty("status").GetProperty("successful").GetBoolean());
        Assert.Equal("CreateAsset(asset1,blue)", node.GetProperty("result").GetString());
        var gateway = fixture.Gateway;
        var steps = node.GetProperty("steps");
        foreach (var name in StepNames)
        {
            var step = steps.GetProperty(name);
            var bytes = Bytes(step, "bytes");
            var signature = Bytes(step, "signature");
            ISignable rebuilt = name switch
            {
                "proposal" => gateway.NewSignedProposal(bytes, signature),
                "transaction" => gateway.NewSignedTransaction(bytes, signature),
                "commit" => gateway.NewSignedCommit(bytes, signature),
                "chaincodeEvents" => gateway.NewSignedChaincodeEventsRequest(bytes, signature),
                "blockEvents" => gateway.NewSignedBlockEventsRequest(bytes, signature),
                "filteredBlockEvents" => gateway.NewSignedFilteredBlockEventsRequest(bytes, signature),
                _ => gateway.NewSignedBlockAndPrivateDataEventsRequest(bytes, signature),
            };

            Assert.Equal(Bytes(step, "digest"), rebuilt.GetDigest());
            Assert.True(TestCredentials.Verify(credentials.Certificate, SignedMessage(name, bytes), signature, credentials.Hash), $"Node's {name} signature does not verify");
            Assert.Equal(WithSignature(name, bytes, signature), rebuilt.GetBytes());
        }

        var proposal = gateway.NewSignedProposal(Bytes(steps.GetProperty("proposal"), "bytes"), Bytes(steps.GetProperty("proposal"), "signature"));
        Assert.Equal(node.GetProperty("transactionId").GetString(), proposal.TransactionId);
        Assert.Equal("CreateAsset(asset1,blue)", Encoding.UTF8.GetString(await proposal.EvaluateAsync()));
        var transaction = gateway.NewSignedTransaction(Bytes(steps.GetProperty("transaction"), "bytes"), Bytes(steps.GetProperty("transaction"), "signature"));
        Assert.Equal("CreateAsset(asset1,blue)", Encoding.UTF8.GetString(transaction.GetResult()));
        await transaction.SubmitAsync();
        var commit = gateway.NewSignedCommit(Bytes(steps.GetProperty("commit"), "bytes"), Bytes(steps.GetProperty("commit"), "signature"));
        Assert.True((await commit.GetStatusAsync()).Successful);
        var events = gateway.NewSignedChaincodeEventsRequest(Bytes(steps.GetProperty("chaincodeEvents"), "bytes"), Bytes(steps.GetProperty("chaincodeEvents"), "signature"));
        Assert.Equal(new[] { "t1", "t2" }, (await events.GetEventsAsync().ToListAsync()).Select(e => e.TransactionId));
        var blocks = gateway.NewSignedBlockEventsRequest(Bytes(steps.GetProperty("blockEvents"), "bytes"), Bytes(steps.GetProperty("blockEvents"), "signature"));
        Assert.Equal(new ulong[] { 1, 2 }, (await blocks.GetEventsAsync().ToListAsync()).Select(b => b.Header.Number));
        var filtered = gateway.NewSignedFilteredBlockEventsRequest(Bytes(steps.GetProperty("filteredBlockEvents"), "bytes"), Bytes(steps.GetProperty("filteredBlockEvents"), "signature"));
        Assert.Equal(2, (await filtered.GetEventsAsync().ToListAsync()).Count);
        var privateData = gateway.NewSignedBlockAndPrivateDataEventsRequest(Bytes(steps.GetProperty("blockAndPrivateDataEvents"), "bytes"), Bytes(steps.GetProperty("blockAndPrivateDataEvents"), "signature"));
        Assert.Equal(2, (await privateData.GetEventsAsync().ToListAsync()).Count);
        Assert.Empty(fixture.Server.Violations);

        if (algorithm != PrivateKeyAlgorithm.Ed25519)
        {
            using var publicKey = credentials.Certificate.GetECDsaPublicKey()!;
            var signatures = node.GetProperty("signatures").EnumerateArray().ToArray();
            Assert.Equal(300, signatures.Length);
            foreach (var item in signatures)
            {
                var digest = Bytes(item, "digest");
                var signature = Bytes(item, "signature");
                Assert.True(publicKey.VerifyHash(digest, signature, DSASignatureFormat.Rfc3279DerSequence));
                Assert.True(EcdsaSigner.IsLowS(signature, algorithm), "the Node client produced a high-S signature");
            }
        }
    }

    [Theory]
    [InlineData(PrivateKeyAlgorithm.EcdsaP256)]
    [InlineData(PrivateKeyAlgorithm.EcdsaP384)]
    [InlineData(PrivateKeyAlgorithm.Ed25519)]
    public async Task SDK_signed_steps_are_rebuilt_and_verified_by_the_Node_client(PrivateKeyAlgorithm algorithm)
    {
        var credentials = TestCredentials.Create(algorithm);
        await using var fixture = await GatewayFixture.StartAsync(offline: true, credentials: credentials);
        var signer = credentials.Signer;
        var gateway = fixture.Gateway;
        var steps = new JsonObject();

        async Task<byte[]> Record(string name, ISignable unsigned, Func<byte[], byte[], ISignable> rebuild)
        {
            var signature = await signer.SignAsync(unsigned.GetDigest());
            var signed = rebuild(unsigned.GetBytes(), signature);
            steps[name] = new JsonObject
            {
                ["bytes"] = Convert.ToBase64String(signed.GetBytes()),
                ["digest"] = Convert.ToBase64String(unsigned.GetDigest()),
                ["signature"] = Convert.ToBase64String(signature),
            };
            return signature;
        }

        var proposal = fixture.Contract.NewProposal("CreateAsset", new ProposalOptions().AddArguments("asset1").AddTransientData("k", "v"));
        var proposalSignature = await Record("proposal", proposal, (b, s) => gateway.NewSignedProposal(b, s));
        var transaction = await gateway.NewSignedProposal(proposal.GetBytes(), proposalSignature).EndorseAsync();
        var transactionSignature = await Record("transaction", transaction, (b, s) => gateway.NewSignedTransaction(b, s));
        var commit = await gateway.NewSignedTransaction(transaction.GetBytes(), transactionSignature).SubmitAsync();
        await Record("commit", commit, (b, s) => gateway.NewSignedCommit(b, s));
        var options = new EventsOptions { StartBlock = 5 };
        await Record("chaincodeEvents", fixture.Network.NewChaincodeEventsRequest("basic", options), (b, s) => gateway.NewSignedChaincodeEventsRequest(b, s));
        await Record("blockEvents", fixture.Network.NewBlockEventsRequest(options), (b, s) => gateway.NewSignedBlockEventsRequest(b, s));
        await Record("filteredBlockEvents", fixture.Network.NewFilteredBlockEventsRequest(options), (b, s) => gateway.NewSignedFilteredBlockEventsRequest(b, s));
        await Record("blockAndPrivateDataEvents", fixture.Network.NewBlockAndPrivateDataEventsRequest(options), (b, s) => gateway.NewSignedBlockAndPrivateDataEventsRequest(b, s));
        var signatures = new JsonArray();
        for (var i = 0; i < 300; i++)
        {
            var digest = RandomNumberGenerator.GetBytes(32);
            signatures.Add(new JsonObject { ["digest"] = Convert.ToBase64String(digest), ["signature"] = Convert.ToBase64String(await signer.SignAsync(digest)) });
        }

        var input = Input(fixture);
        input["steps"] = steps;
        input["signatures"] = signatures;
        var node = await RunNodeAsync("verify.js", input);

        foreach (var name in StepNames)
        {
            var result = node.GetProperty("steps").GetProperty(name);
            Assert.True(result.GetProperty("digestMatches").GetBoolean(), $"Node computes a different digest for our {name}");
            Assert.True(result.GetProperty("bytesMatch").GetBoolean(), $"Node re-serializes our {name} differently");
            Assert.True(result.GetProperty("openssl").GetBoolean(), $"OpenSSL in Node rejects our {name} signature");
            Assert.True(result.GetProperty("strictLowS").GetBoolean(), $"noble-curves (strict low S) rejects our {name} signature");
        }

        Assert.Equal(proposal.TransactionId, node.GetProperty("steps").GetProperty("proposal").GetProperty("transactionId").GetString());
        Assert.Equal(proposal.TransactionId, node.GetProperty("steps").GetProperty("commit").GetProperty("transactionId").GetString());
        if (algorithm != PrivateKeyAlgorithm.Ed25519)
        {
            var counts = node.GetProperty("signatures");
            Assert.Equal(300, counts.GetProperty("count").GetInt32());
            Assert.Equal(300, counts.GetProperty("valid").GetInt32());
            Assert.Equal(300, counts.GetProperty("lowS").GetInt32());
        }
    }

    [Fact]
    public async Task Node_client_and_SDK_send_requests_with_the_same_structure()
    {
        var tlsHash = SHA256.HashData("client tls certificate"u8);
        await using var fixture = await GatewayFixture.StartAsync(o => o.TlsClientCertificateHash = tlsHash);
        AddLedger(fixture.Server);
        var server = fixture.Server;
        server.EndStreamsWhenCaughtUp = false;

        var contract = fixture.Network.GetContract("basic", "AssetContract");
        var evaluated = await contract.EvaluateAsync("ReadAsset", new ProposalOptions().AddArguments("asset1").SetEndorsingOrganizations("Org1MSP"));
        var submitted = await contract.SubmitAsync("CreateAsset", new ProposalOptions()
            .AddArguments("asset1", "blue").AddArguments(new byte[] { 0, 1, 2 })
            .AddTransientData("secret", "hush")
            .SetEndorsingOrganizations("Org1MSP"));
        var events = await fixture.Network.GetChaincodeEventsAsync("basic", new EventsOptions { StartBlock = 1 }).ToListAsync(take: 2);
        var blocks = await fixture.Network.GetBlockEventsAsync(new EventsOptions { StartBlock = 1 }).ToListAsync(take: 2);
        var filtered = await fixture.Network.GetFilteredBlockEventsAsync(new EventsOptions { StartBlock = 1 }).ToListAsync(take: 2);
        var privateData = await fixture.Network.GetBlockAndPrivateDataEventsAsync(new EventsOptions { StartBlock = 1 }).ToListAsync(take: 2);
        var ours = Snapshot(server);

        var input = Input(fixture);
        input["tlsCertHash"] = Convert.ToBase64String(tlsHash);
        input["eventLimit"] = 2;
        var node = await RunNodeAsync("flow.js", input);
        var theirs = Snapshot(server).GroupBy(x => x.Kind).SelectMany(g => g.Skip(ours.Count(o => o.Kind == g.Key))).ToList();

        Assert.Empty(server.Violations);
        Assert.Equal(Encoding.UTF8.GetString(evaluated), node.GetProperty("evaluated").GetString());
        Assert.Equal(Encoding.UTF8.GetString(submitted), node.GetProperty("submitted").GetString());
        Assert.Equal(events.Select(e => e.TransactionId), node.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("transactionId").GetString()));
        Assert.Equal(blocks.Select(b => (double)b.Header.Number), node.GetProperty("blocks").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(filtered.Count, node.GetProperty("filtered").GetArrayLength());
        Assert.Equal(privateData.Count, node.GetProperty("privateData").GetArrayLength());

        Assert.Equal(8, ours.Count);
        Assert.Equal(ours.Count, theirs.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            var (ourKind, ourMessage) = ours[i];
            var (theirKind, theirMessage) = theirs[i];
            Assert.Equal(ourKind, theirKind);
            var ourFields = Normalize(ourKind, ourMessage, out var ourVariants);
            var theirFields = Normalize(theirKind, theirMessage, out var theirVariants);
            Assert.Equal(ourFields, theirFields);

            // The two documented differences: ChaincodeSpec.type (UNDEFINED here and in Go/Java, NODE in Node) and the
            // Deliver stop block (2^64-1 here and in Go/Java, 2^53-1 in Node).
            if (ourVariants.TryGetValue("chaincodeSpecType", out var ourType))
            {
                Assert.Equal(nameof(ChaincodeSpec.Types.Type.Undefined), ourType);
                Assert.Equal(nameof(ChaincodeSpec.Types.Type.Node), theirVariants["chaincodeSpecType"]);
            }

            if (ourVariants.TryGetValue("stop", out var ourStop))
            {
                Assert.Equal(ulong.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), ourStop);
                Assert.Equal("9007199254740991", theirVariants["stop"]);
            }
        }
    }

    private static List<(string Kind, IMessage Message)> Snapshot(FakeGatewayServer server)
    {
        var all = new List<(string, IMessage)>();
        all.AddRange(server.EvaluateRequests.Select(r => ("Evaluate", (IMessage)r)));
        all.AddRange(server.EndorseRequests.Select(r => ("Endorse", (IMessage)r)));
        all.AddRange(server.SubmitRequests.Select(r => ("Submit", (IMessage)r)));
        all.AddRange(server.CommitStatusRequests.Select(r => ("CommitStatus", (IMessage)r)));
        all.AddRange(server.ChaincodeEventsRequests.Select(r => ("ChaincodeEvents", (IMessage)r)));
        all.AddRange(server.DeliverRequests.Select(r => (r.Kind.ToString(), (IMessage)r.Envelope)));
        // Stable order per kind; each run makes exactly one request of each kind.
        return all.OrderBy(x => x.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Decodes every nested layer of a request into JSON, blanking the fields that differ on every request by design
    /// (transaction ID, nonce, timestamp, signatures) after checking they are present.
    /// </summary>
    private static SortedDictionary<string, string> Normalize(string kind, IMessage message, out Dictionary<string, string> variants)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var found = new Dictionary<string, string>();
        variants = found;
        var json = new JsonFormatter(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
        void Add(string path, IMessage m) => fields[path] = json.Format(m);

        void Header(string path, Header header)
        {
            var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
            Assert.NotNull(channelHeader.Timestamp);
            channelHeader.Timestamp = null;
            if (channelHeader.Type == (int)HeaderType.EndorserTransaction)
            {
                Assert.Matches("^[0-9a-f]{64}$", channelHeader.TxId);
                channelHeader.TxId = string.Empty;
                Add(path + ".channelHeader.extension", ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension));
                channelHeader.Extension = ByteString.Empty;
            }

            Add(path + ".channelHeader", channelHeader);
            var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
            Add(path + ".signatureHeader.creator", SerializedIdentity.Parser.ParseFrom(signatureHeader.Creator));
            fields[path + ".signatureHeader.nonceLength"] = signatureHeader.Nonce.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        void SignedProposal(string path, SignedProposal signedProposal)
        {
            Assert.False(signedProposal.Signature.IsEmpty);
            var proposal = Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
            Header(path + ".header", Protocol.Common.Header.Parser.ParseFrom(proposal.Header));
            var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
            var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input);
            found["chaincodeSpecType"] = spec.ChaincodeSpec.Type.ToString();
            spec.ChaincodeSpec.Type = ChaincodeSpec.Types.Type.Undefined;
            Add(path + ".payload.input", spec);
            payload.Input = ByteString.Empty;
            Add(path + ".payload", payload);
            fields[path + ".extension"] = proposal.Extension.ToBase64();
        }

        switch (message)
        {
            case EvaluateRequest evaluate:
                Assert.Matches("^[0-9a-f]{64}$", evaluate.TransactionId);
                SignedProposal("proposal", evaluate.ProposedTransaction);
                Add("request", new EvaluateRequest { ChannelId = evaluate.ChannelId, TargetOrganizations = { evaluate.TargetOrganizations } });
                break;
            case EndorseRequest endorse:
                SignedProposal("proposal", endorse.ProposedTransaction);
                Add("request", new EndorseRequest { ChannelId = endorse.ChannelId, EndorsingOrganizations = { endorse.EndorsingOrganizations } });
                break;
            case SubmitRequest submit:
                Assert.False(submit.PreparedTransaction.Signature.IsEmpty);
                Header("envelope.header", Payload.Parser.ParseFrom(submit.PreparedTransaction.Payload).Header);
                Add("request", new SubmitRequest { ChannelId = submit.ChannelId });
                break;
            case SignedCommitStatusRequest commit:
                Assert.False(commit.Signature.IsEmpty);
                var statusRequest = CommitStatusRequest.Parser.ParseFrom(commit.Request);
                Add("request.identity", SerializedIdentity.Parser.ParseFrom(statusRequest.Identity));
                Add("request", new CommitStatusRequest { ChannelId = statusRequest.ChannelId });
                break;
            case SignedChaincodeEventsRequest events:
                Assert.False(events.Signature.IsEmpty);
                var eventsRequest = ChaincodeEventsRequest.Parser.ParseFrom(events.Request);
                Add("request.identity", SerializedIdentity.Parser.ParseFrom(eventsRequest.Identity));
                eventsRequest.Identity = ByteString.Empty;
                Add("request", eventsRequest);
                break;
            case Envelope envelope:
                Assert.False(envelope.Signature.IsEmpty);
                var deliverPayload = Payload.Parser.ParseFrom(envelope.Payload);
                Header("payload.header", deliverPayload.Header);
                var seekInfo = SeekInfo.Parser.ParseFrom(deliverPayload.Data);
                found["stop"] = seekInfo.Stop.Specified.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                seekInfo.Stop = null;
                Add("payload.data", seekInfo);
                break;
            default:
                throw new InvalidOperationException($"Unexpected {kind} message {message.GetType().Name}.");
        }

        return fields;
    }

    private static byte[] SignedMessage(string name, byte[] bytes) => name switch
    {
        "proposal" => ProposedTransaction.Parser.ParseFrom(bytes).Proposal.ProposalBytes.ToByteArray(),
        "transaction" => PreparedTransaction.Parser.ParseFrom(bytes).Envelope.Payload.ToByteArray(),
        "commit" => SignedCommitStatusRequest.Parser.ParseFrom(bytes).Request.ToByteArray(),
        "chaincodeEvents" => SignedChaincodeEventsRequest.Parser.ParseFrom(bytes).Request.ToByteArray(),
        _ => Envelope.Parser.ParseFrom(bytes).Payload.ToByteArray(),
    };

    private static byte[] WithSignature(string name, byte[] bytes, byte[] signature)
    {
        var sig = ByteString.CopyFrom(signature);
        IMessage message;
        switch (name)
        {
            case "proposal":
                var proposed = ProposedTransaction.Parser.ParseFrom(bytes);
                proposed.Proposal.Signature = sig;
                message = proposed;
                break;
            case "transaction":
                var prepared = PreparedTransaction.Parser.ParseFrom(bytes);
                prepared.Envelope.Signature = sig;
                message = prepared;
                break;
            case "commit":
                var commit = SignedCommitStatusRequest.Parser.ParseFrom(bytes);
                commit.Signature = sig;
                message = commit;
                break;
            case "chaincodeEvents":
                var events = SignedChaincodeEventsRequest.Parser.ParseFrom(bytes);
                events.Signature = sig;
                message = events;
                break;
            default:
                var envelope = Envelope.Parser.ParseFrom(bytes);
                envelope.Signature = sig;
                message = envelope;
                break;
        }

        return message.ToByteArray();
    }
}
