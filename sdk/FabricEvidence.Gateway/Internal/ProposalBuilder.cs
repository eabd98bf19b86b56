using System.Security.Cryptography;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Gateway.Internal;

/// <summary>
/// Builds a proposal the way Fabric's endorser checks it: a 24-byte random nonce, transaction ID = lowercase hex
/// SHA-256(nonce ‖ creator) (always SHA-256, whatever the signing hash), an ENDORSER_TRANSACTION channel header at
/// epoch 0, and the chaincode input [qualified transaction name, arguments…].
/// </summary>
/// <remarks>
/// ChaincodeSpec.type is left UNDEFINED, as Hyperledger's Go and Java clients leave it; the Node client sets NODE.
/// Peers ignore the field for invocations (the chaincode definition decides the runtime).
/// </remarks>
internal static class ProposalBuilder
{
    public const int NonceLength = 24;

    public static ProposedTransaction Build(
        SigningIdentity identity,
        string channelName,
        string chaincodeName,
        string qualifiedTransactionName,
        ProposalOptions? options)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        RandomNumberGenerator.Fill(nonce);
        var nonceBytes = ByteString.CopyFrom(nonce);
        var transactionId = ComputeTransactionId(nonce, identity.Creator.Span);

        var chaincodeId = new ChaincodeID { Name = chaincodeName };
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            TxId = transactionId,
            Timestamp = Timestamp.FromDateTime(DateTime.UtcNow),
            ChannelId = channelName,
            Extension = new ChaincodeHeaderExtension { ChaincodeId = chaincodeId }.ToByteString(),
            Epoch = 0,
        };
        var signatureHeader = new SignatureHeader { Creator = identity.Creator, Nonce = nonceBytes };
        var header = new Header
        {
            ChannelHeader = channelHeader.ToByteString(),
            SignatureHeader = signatureHeader.ToByteString(),
        };

        var input = new ChaincodeInput();
        input.Args.Add(ByteString.CopyFromUtf8(qualifiedTransactionName));
        var payload = new ChaincodeProposalPayload();
        if (options is not null)
        {
            foreach (var argument in options.Arguments)
            {
                input.Args.Add(ByteString.CopyFrom(argument));
            }

            foreach (var (key, value) in options.TransientData)
            {
                payload.TransientMap.Add(key, ByteString.CopyFrom(value));
            }
        }

        payload.Input = new ChaincodeInvocationSpec
        {
            ChaincodeSpec = new ChaincodeSpec { ChaincodeId = chaincodeId, Input = input },
        }.ToByteString();

        var proposal = new Proposal { Header = header.ToByteString(), Payload = payload.ToByteString() };
        var result = new ProposedTransaction
        {
            TransactionId = transactionId,
            Proposal = new SignedProposal { ProposalBytes = proposal.ToByteString() },
        };
        if (options is not null)
        {
            result.EndorsingOrganizations.Add(options.EndorsingOrganizations);
        }

        return result;
    }

    public static string ComputeTransactionId(ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> creator)
    {
        var salted = new byte[nonce.Length + creator.Length];
        nonce.CopyTo(salted);
        creator.CopyTo(salted.AsSpan(nonce.Length));
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(salted, hash);
        return Convert.ToHexStringLower(hash);
    }
}
