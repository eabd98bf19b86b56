using System.Text;
using FabricEvidence.Gateway.Tests.Infrastructure;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;

namespace FabricEvidence.Gateway.Tests;

public class OfflineSigningTests
{
    [Fact]
    public async Task Without_a_signer_any_network_step_says_to_sign_offline()
    {
        await using var fixture = await GatewayFixture.StartAsync(offline: true);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Contract.EvaluateTransactionAsync("Tx", []));

        Assert.Contains("without a signer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NewSigned", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Server.Calls("Evaluate"));
    }

    [Theory]
    [InlineData(PrivateKeyAlgorithm.EcdsaP256)]
    [InlineData(PrivateKeyAlgorithm.Ed25519)]
    public async Task Full_submit_flow_signed_offline_is_accepted(PrivateKeyAlgorithm algorithm)
    {
        var credentials = TestCredentials.Create(algorithm);
        await using var fixture = await GatewayFixture.StartAsync(offline: true, credentials: credentials);
        var offlineSigner = credentials.Signer;
        var gateway = fixture.Gateway;

        var unsignedProposal = fixture.Contract.NewProposal("CreateAsset", new ProposalOptions().AddArguments("a1"));
        var proposalSignature = await offlineSigner.SignAsync(unsignedProposal.GetDigest());
        var signedProposal = gateway.NewSignedProposal(unsignedProposal.GetBytes(), proposalSignature);

        var unsignedTransaction = await signedProposal.EndorseAsync();
        var transactionSignature = await offlineSigner.SignAsync(unsignedTransaction.GetDigest());
        var signedTransaction = gateway.NewSignedTransaction(unsignedTransaction.GetBytes(), transactionSignature);

        var unsignedCommit = await signedTransaction.SubmitAsync();
        var commitSignature = await offlineSigner.SignAsync(unsignedCommit.GetDigest());
        var signedCommit = gateway.NewSignedCommit(unsignedCommit.GetBytes(), commitSignature);
        var status = await signedCommit.GetStatusAsync();

        Assert.True(status.Successful);
        Assert.Equal(unsignedProposal.TransactionId, signedCommit.TransactionId);
        Assert.Equal("CreateAsset(a1)", Encoding.UTF8.GetString(signedTransaction.GetResult()));
        Assert.Empty(fixture.Server.Violations);
    }

    [Fact]
    public async Task Bytes_are_the_official_message_types_and_round_trip_unchanged()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var gateway = fixture.Gateway;
        var proposal = fixture.Contract.NewProposal("Tx", new ProposalOptions().AddArguments("a").SetEndorsingOrganizations("Org1MSP"));
        var transaction = await proposal.EndorseAsync();
        var commit = await transaction.SubmitAsync();

        Assert.Equal(proposal.GetBytes(), gateway.NewProposal(proposal.GetBytes()).GetBytes());
        Assert.Equal(transaction.GetBytes(), gateway.NewTransaction(transaction.GetBytes()).GetBytes());
        Assert.Equal(commit.GetBytes(), gateway.NewCommit(commit.GetBytes()).GetBytes());
        Assert.Equal(proposal.TransactionId, ProposedTransaction.Parser.ParseFrom(proposal.GetBytes()).TransactionId);
        Assert.Equal(proposal.TransactionId, PreparedTransaction.Parser.ParseFrom(transaction.GetBytes()).TransactionId);
        Assert.Equal(proposal.TransactionId, CommitStatusRequest.Parser.ParseFrom(SignedCommitStatusRequest.Parser.ParseFrom(commit.GetBytes()).Request).TransactionId);
        Assert.Equal(proposal.GetDigest(), gateway.NewProposal(proposal.GetBytes()).GetDigest());
        Assert.Equal(transaction.GetDigest(), gateway.NewTransaction(transaction.GetBytes()).GetDigest());
        Assert.Equal(commit.GetDigest(), gateway.NewCommit(commit.GetBytes()).GetDigest());
    }

    [Fact]
    public async Task Digests_cover_exactly_the_signed_parts()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var proposal = fixture.Contract.NewProposal("Tx");
        var transaction = await proposal.EndorseAsync();
        var commit = await transaction.SubmitAsync();
        var events = fixture.Network.NewChaincodeEventsRequest("basic");
        var blocks = fixture.Network.NewBlockEventsRequest();

        Assert.Equal(Hash.Sha256.Compute(ProposedTransaction.Parser.ParseFrom(proposal.GetBytes()).Proposal.ProposalBytes.Span), proposal.GetDigest());
        Assert.Equal(Hash.Sha256.Compute(PreparedTransaction.Parser.ParseFrom(transaction.GetBytes()).Envelope.Payload.Span), transaction.GetDigest());
        Assert.Equal(Hash.Sha256.Compute(SignedCommitStatusRequest.Parser.ParseFrom(commit.GetBytes()).Request.Span), commit.GetDigest());
        Assert.Equal(Hash.Sha256.Compute(SignedChaincodeEventsRequest.Parser.ParseFrom(events.GetBytes()).Request.Span), events.GetDigest());
        Assert.Equal(Hash.Sha256.Compute(Envelope.Parser.ParseFrom(blocks.GetBytes()).Payload.Span), blocks.GetDigest());
    }

    [Fact]
    public async Task Event_requests_signed_offline_are_accepted()
    {
        await using var fixture = await GatewayFixture.StartAsync(offline: true);
        fixture.Server.Blocks.Add(new FakeBlock(3, new[] { new FakeTransaction("tx1", "basic", "Created", "p"u8.ToArray()) }));
        var signer = fixture.Credentials.Signer;
        var gateway = fixture.Gateway;
        var options = new EventsOptions { StartBlock = 0 };

        var events = fixture.Network.NewChaincodeEventsRequest("basic", options);
        var signedEvents = gateway.NewSignedChaincodeEventsRequest(events.GetBytes(), await signer.SignAsync(events.GetDigest()));
        var blocks = fixture.Network.NewBlockEventsRequest(options);
        var signedBlocks = gateway.NewSignedBlockEventsRequest(blocks.GetBytes(), await signer.SignAsync(blocks.GetDigest()));
        var filtered = fixture.Network.NewFilteredBlockEventsRequest(options);
        var signedFiltered = gateway.NewSignedFilteredBlockEventsRequest(filtered.GetBytes(), await signer.SignAsync(filtered.GetDigest()));
        var privateData = fixture.Network.NewBlockAndPrivateDataEventsRequest(options);
        var signedPrivateData = gateway.NewSignedBlockAndPrivateDataEventsRequest(privateData.GetBytes(), await signer.SignAsync(privateData.GetDigest()));

        Assert.Equal("tx1", Assert.Single(await signedEvents.GetEventsAsync().ToListAsync()).TransactionId);
        Assert.Equal(3UL, Assert.Single(await signedBlocks.GetEventsAsync().ToListAsync()).Header.Number);
        Assert.Equal(3UL, Assert.Single(await signedFiltered.GetEventsAsync().ToListAsync()).Number);
        Assert.Equal(3UL, Assert.Single(await signedPrivateData.GetEventsAsync().ToListAsync()).Block.Header.Number);
        Assert.Empty(fixture.Server.Violations);
    }

    [Fact]
    public async Task Rebuilding_from_bad_bytes_or_an_empty_signature_throws_ArgumentException()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var gateway = fixture.Gateway;
        var garbage = new byte[] { 0xff, 0xff, 0xff };
        var proposalBytes = fixture.Contract.NewProposal("Tx").GetBytes();

        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => gateway.NewProposal(garbage)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => gateway.NewProposal(Array.Empty<byte>())).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => gateway.NewTransaction(garbage)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => gateway.NewTransaction(proposalBytes)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => gateway.NewCommit(garbage)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => gateway.NewChaincodeEventsRequest(garbage)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => gateway.NewBlockEventsRequest(garbage)).ParamName);
        Assert.Equal("signature", Assert.Throws<ArgumentException>(() => gateway.NewSignedProposal(proposalBytes, Array.Empty<byte>())).ParamName);
    }
}

internal static class AsyncEnumerableTestExtensions
{
    public static async Task<List<T>> ToListAsync<T>(this IAsyncEnumerable<T> source, int? take = null)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
            if (list.Count == take)
            {
                break;
            }
        }

        return list;
    }
}
