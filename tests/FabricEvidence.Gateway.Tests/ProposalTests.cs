using System.Security.Cryptography;
using System.Text;
using FabricEvidence.Gateway.Tests.Infrastructure;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Msp;
using FabricEvidence.Protocol.Peer;

namespace FabricEvidence.Gateway.Tests;

public class ProposalTests
{
    [Fact]
    public async Task Proposal_is_built_as_Fabric_endorsers_expect()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var contract = fixture.Network.GetContract("basic", "AssetContract");
        var options = new ProposalOptions()
            .AddArguments("asset1", "blue")
            .AddArguments(new byte[] { 0, 1, 2 })
            .AddTransientData("secret", "hush")
            .SetEndorsingOrganizations("Org1MSP", "Org2MSP");
        var before = DateTime.UtcNow;

        var proposal = contract.NewProposal("CreateAsset", options);

        var proposed = ProposedTransaction.Parser.ParseFrom(proposal.GetBytes());
        var inner = Proposal.Parser.ParseFrom(proposed.Proposal.ProposalBytes);
        var header = Header.Parser.ParseFrom(inner.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        var creator = SerializedIdentity.Parser.ParseFrom(signatureHeader.Creator);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(inner.Payload);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
        var extension = ChaincodeHeaderExtension.Parser.ParseFrom(channelHeader.Extension);

        Assert.Equal((int)HeaderType.EndorserTransaction, channelHeader.Type);
        Assert.Equal("mychannel", channelHeader.ChannelId);
        Assert.Equal(0UL, channelHeader.Epoch);
        Assert.InRange(channelHeader.Timestamp.ToDateTime(), before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal("basic", extension.ChaincodeId.Name);
        Assert.Equal(24, signatureHeader.Nonce.Length);
        Assert.Equal("Org1MSP", creator.Mspid);
        Assert.Equal(fixture.Credentials.Identity.Credentials.ToArray(), creator.IdBytes.ToByteArray());
        var expectedTxId = Convert.ToHexStringLower(SHA256.HashData(signatureHeader.Nonce.Concat(signatureHeader.Creator).ToArray()));
        Assert.Equal(expectedTxId, channelHeader.TxId);
        Assert.Equal(expectedTxId, proposed.TransactionId);
        Assert.Equal(expectedTxId, proposal.TransactionId);
        Assert.Equal(ChaincodeSpec.Types.Type.Undefined, spec.Type);
        Assert.Equal("basic", spec.ChaincodeId.Name);
        Assert.Equal(new[] { "AssetContract:CreateAsset", "asset1", "blue" }, spec.Input.Args.Take(3).Select(a => a.ToStringUtf8()));
        Assert.Equal(new byte[] { 0, 1, 2 }, spec.Input.Args[3].ToByteArray());
        Assert.Equal("hush", payload.TransientMap["secret"].ToStringUtf8());
        Assert.Equal(new[] { "Org1MSP", "Org2MSP" }, proposed.EndorsingOrganizations);
        Assert.True(proposed.Proposal.Signature.IsEmpty);
    }

    [Fact]
    public async Task Each_proposal_gets_a_fresh_nonce_and_transaction_id()
    {
        await using var fixture = await GatewayFixture.StartAsync();

        var ids = Enumerable.Range(0, 200).Select(_ => fixture.Contract.NewProposal("Tx").TransactionId).ToHashSet();

        Assert.Equal(200, ids.Count);
    }

    [Fact]
    public async Task Default_contract_uses_the_bare_transaction_name()
    {
        await using var fixture = await GatewayFixture.StartAsync();

        var proposal = fixture.Contract.NewProposal("ReadAsset");

        var inner = Proposal.Parser.ParseFrom(ProposedTransaction.Parser.ParseFrom(proposal.GetBytes()).Proposal.ProposalBytes);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(ChaincodeProposalPayload.Parser.ParseFrom(inner.Payload).Input).ChaincodeSpec;
        Assert.Equal("ReadAsset", spec.Input.Args.Single().ToStringUtf8());
    }

    [Theory]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA3_256")]
    public async Task Digest_is_the_gateway_hash_of_the_proposal_bytes_but_the_transaction_id_stays_SHA256(string hashName)
    {
        var hash = Hash.FromName(hashName);
        await using var fixture = await GatewayFixture.StartAsync(o => o.Hash = hash);

        var proposal = fixture.Contract.NewProposal("Tx");

        var proposed = ProposedTransaction.Parser.ParseFrom(proposal.GetBytes());
        Assert.Equal(hash.Compute(proposed.Proposal.ProposalBytes.Span), proposal.GetDigest());
        Assert.Equal(64, proposal.TransactionId.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Empty_names_throw_ArgumentException_naming_the_argument(string? name)
    {
        await using var fixture = await GatewayFixture.StartAsync();

        Assert.Equal("channelName", Assert.ThrowsAny<ArgumentException>(() => fixture.Gateway.GetNetwork(name!)).ParamName);
        Assert.Equal("chaincodeName", Assert.ThrowsAny<ArgumentException>(() => fixture.Network.GetContract(name!)).ParamName);
        Assert.Equal("transactionName", Assert.ThrowsAny<ArgumentException>(() => fixture.Contract.NewProposal(name!)).ParamName);
        Assert.Equal("transactionName", (await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Contract.EvaluateTransactionAsync(name!, []))).ParamName);
        Assert.Equal("transactionName", (await Assert.ThrowsAnyAsync<ArgumentException>(() => fixture.Contract.SubmitTransactionAsync(name!, ["a"]))).ParamName);
        Assert.Equal("chaincodeName", Assert.ThrowsAny<ArgumentException>(() => fixture.Network.NewChaincodeEventsRequest(name!)).ParamName);
        Assert.Equal(0, fixture.Server.Calls("Evaluate") + fixture.Server.Calls("Endorse"));
    }

    [Fact]
    public async Task Empty_contract_name_is_rejected_but_null_means_the_default_contract()
    {
        await using var fixture = await GatewayFixture.StartAsync();

        Assert.Equal("contractName", Assert.Throws<ArgumentException>(() => fixture.Network.GetContract("basic", "")).ParamName);
        Assert.Null(fixture.Network.GetContract("basic", null).ContractName);
    }

    [Fact]
    public void Connect_without_connection_or_identity_says_which_option_is_missing()
    {
        var credentials = TestCredentials.Create();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:1");

        var noConnection = Assert.Throws<ArgumentException>(() => FabricGateway.Connect(new GatewayOptions { Identity = credentials.Identity }));
        var noIdentity = Assert.Throws<ArgumentException>(() => FabricGateway.Connect(new GatewayOptions { Channel = channel }));
        var badTimeout = Assert.Throws<ArgumentException>(() => FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = credentials.Identity, EvaluateTimeout = TimeSpan.Zero }));

        Assert.Contains("GatewayOptions.Channel", noConnection.Message, StringComparison.Ordinal);
        Assert.Contains("Identity", noIdentity.Message, StringComparison.Ordinal);
        Assert.Contains("EvaluateTimeout", badTimeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hash_that_cannot_work_with_the_signer_is_rejected_at_connect()
    {
        var ed = TestCredentials.Create(PrivateKeyAlgorithm.Ed25519);
        var ec = TestCredentials.Create();
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress("http://127.0.0.1:1");

        var edWithSha = Assert.Throws<ArgumentException>(() => FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = ed.Identity, Signer = ed.Signer, Hash = Hash.Sha256 }));
        var ecWithNone = Assert.Throws<ArgumentException>(() => FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = ec.Identity, Signer = ec.Signer, Hash = Hash.None }));

        Assert.Contains("Hash.None", edWithSha.Message, StringComparison.Ordinal);
        Assert.Contains("Hash.Sha256", ecWithNone.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void String_arguments_are_utf8()
    {
        var options = new ProposalOptions().AddArguments("å€");

        Assert.Equal(Encoding.UTF8.GetBytes("å€"), options.Arguments.Single());
    }
}
