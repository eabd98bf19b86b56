using System.Globalization;
using FabricEvidence.Gateway;
using FabricEvidence.Protocol.Common;
using Google.Protobuf;

namespace FabricEvidence.Verification.Tests;

/// <summary>
/// <see cref="GatewayBlockSource"/> against a channel that answers <c>qscc</c> evaluations from the real fixture's
/// blocks as a peer would (function name, then the channel, then the block number or transaction id).
/// </summary>
public sealed class GatewayBlockSourceTests
{
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "real-network-2.5.12");

    [Fact]
    public async Task Blocks_are_asked_of_qscc_with_the_channel_and_a_bundle_built_through_it_verifies()
    {
        var network = new QsccNetwork("evidence", Directory.GetFiles(Path.Combine(Fixture, "blocks"), "*.block").Select(File.ReadAllBytes));
        var (bundle, file) = await RealNetworkTests.RealBundleAsync();
        var request = new BundleRequest
        {
            Chaincode = "evidence",
            Items = [new BundleItemRequest { ItemId = bundle.Manifest.Items[0].Id, TransactionIds = [.. bundle.Manifest.Items[0].Transactions.Select(t => t.TransactionId)] }],
        };

        var viaGateway = await new EvidenceBundleBuilder(new GatewayBlockSource(network)).BuildAsync(request);
        var result = await new BundleVerifier().VerifyAsync(viaGateway, new MemoryStream(file));

        ResultAssert.Verified(result);
        Assert.All(network.Calls, c => Assert.Equal("qscc", c.Chaincode));
        Assert.All(network.Calls, c => Assert.Equal("evidence", c.Arguments[0]));
        Assert.Contains(network.Calls, c => c.Function == "GetBlockByTxID" && c.Arguments[1] == request.Items[0].TransactionIds[0]);
        Assert.Contains(network.Calls, c => c.Function == "GetBlockByNumber" && c.Arguments[1] == "0");
    }

    [Fact]
    public async Task Chain_info_gives_the_height_and_the_last_hash()
    {
        var network = new QsccNetwork("evidence", Directory.GetFiles(Path.Combine(Fixture, "blocks"), "*.block").Select(File.ReadAllBytes));

        var (height, hash) = await new GatewayBlockSource(network).GetChainInfoAsync();

        Assert.Equal(9UL, height);
        Assert.Equal(64, hash.Length);
    }

    [Fact]
    public async Task A_peer_refusal_reaches_the_caller()
    {
        var network = new QsccNetwork("evidence", []);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => new GatewayBlockSource(network).GetBlockAsync(42));
    }

    private sealed record Call(string Chaincode, string Function, IReadOnlyList<string> Arguments);

    private sealed class QsccNetwork(string name, IEnumerable<byte[]> blocks) : INetwork, IContract
    {
        private readonly InMemoryBlockSource _blocks = new(blocks.Select(b => (ReadOnlyMemory<byte>)b));
        private readonly int _count = blocks.Count();
        private string _chaincode = string.Empty;

        public List<Call> Calls { get; } = [];

        public string Name => name;

        public string ChaincodeName => _chaincode;

        public string? ContractName => null;

        public IContract GetContract(string chaincodeName, string? contractName = null)
        {
            _chaincode = chaincodeName;
            return this;
        }

        public async Task<byte[]> EvaluateTransactionAsync(string transactionName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
        {
            Calls.Add(new Call(_chaincode, transactionName, arguments));
            Assert.Equal(name, arguments[0]);
            return transactionName switch
            {
                "GetBlockByNumber" => (await _blocks.GetBlockAsync(ulong.Parse(arguments[1], CultureInfo.InvariantCulture), cancellationToken)).ToArray(),
                "GetBlockByTxID" => (await _blocks.GetBlockByTransactionIdAsync(arguments[1], cancellationToken)).ToArray(),
                "GetChainInfo" => new BlockchainInfo
                {
                    Height = (ulong)_count,
                    CurrentBlockHash = ByteString.CopyFrom(new byte[32]),
                }.ToByteArray(),
                _ => throw new InvalidOperationException("qscc has no function " + transactionName),
            };
        }

        public Task<byte[]> EvaluateAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<byte[]> SubmitTransactionAsync(string transactionName, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<byte[]> SubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ISubmittedTransaction> StartSubmitAsync(string transactionName, ProposalOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IProposal NewProposal(string transactionName, ProposalOptions? options = null) => throw new NotSupportedException();

        public IAsyncEnumerable<ContractEvent> GetChaincodeEventsAsync(string chaincodeName, EventsOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IChaincodeEventsRequest NewChaincodeEventsRequest(string chaincodeName, EventsOptions? options = null) => throw new NotSupportedException();

        public IAsyncEnumerable<Block> GetBlockEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IBlockEventsRequest NewBlockEventsRequest(EventsOptions? options = null) => throw new NotSupportedException();

        public IAsyncEnumerable<Protocol.Peer.FilteredBlock> GetFilteredBlockEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IFilteredBlockEventsRequest NewFilteredBlockEventsRequest(EventsOptions? options = null) => throw new NotSupportedException();

        public IAsyncEnumerable<Protocol.Peer.BlockAndPrivateData> GetBlockAndPrivateDataEventsAsync(EventsOptions? options = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IBlockAndPrivateDataEventsRequest NewBlockAndPrivateDataEventsRequest(EventsOptions? options = null) => throw new NotSupportedException();
    }
}
