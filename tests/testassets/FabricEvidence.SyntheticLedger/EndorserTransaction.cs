using System.Security.Cryptography;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Ledger.Rwset;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using ProtoTimestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace FabricEvidence.SyntheticLedger;

/// <summary>
/// An endorser transaction as a Fabric client and peers make it: proposal header, chaincode action with its
/// read/write set and event, endorsements over proposal_response_payload ‖ endorser, and the creator's signature
/// over the payload. Hooks let a test make the transaction wrong in one precise way.
/// </summary>
public sealed class EndorserTransaction
{
    public required string Channel { get; init; }

    public required string Chaincode { get; init; }

    public string ChaincodeVersion { get; init; } = "1.0";

    public required TestIdentity Creator { get; init; }

    public required IReadOnlyList<TestIdentity> Endorsers { get; init; }

    public required string Function { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public required TxReadWriteSet ReadWriteSet { get; init; }

    public string? EventName { get; init; }

    public byte[] EventPayload { get; init; } = [];

    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Changes an endorsement's signature after it is made (index, signature) → signature.</summary>
    public Func<int, byte[], byte[]>? TamperEndorsementSignature { get; init; }

    /// <summary>Changes the creator's signature after it is made.</summary>
    public Func<byte[], byte[]>? TamperCreatorSignature { get; init; }

    /// <summary>Replaces the transaction id in the channel header.</summary>
    public string? OverrideTransactionId { get; init; }

    public (string TransactionId, byte[] Envelope) Build()
    {
        var nonce = RandomNumberGenerator.GetBytes(24);
        var creator = Creator.Serialized;
        var txId = OverrideTransactionId ?? Convert.ToHexStringLower(SHA256.HashData([.. nonce, .. creator.Span]));
        var channelHeader = new ChannelHeader
        {
            Type = (int)HeaderType.EndorserTransaction,
            ChannelId = Channel,
            TxId = txId,
            Timestamp = ProtoTimestamp.FromDateTimeOffset(Timestamp),
            Extension = new ChaincodeHeaderExtension { ChaincodeId = new ChaincodeID { Name = Chaincode } }.ToByteString(),
        }.ToByteString();
        var signatureHeader = new SignatureHeader { Creator = creator, Nonce = ByteString.CopyFrom(nonce) }.ToByteString();
        var input = new ChaincodeInput { Args = { ByteString.CopyFromUtf8(Function) } };
        foreach (var argument in Arguments)
        {
            input.Args.Add(ByteString.CopyFromUtf8(argument));
        }

        var proposalPayload = new ChaincodeProposalPayload
        {
            Input = new ChaincodeInvocationSpec { ChaincodeSpec = new ChaincodeSpec { ChaincodeId = new ChaincodeID { Name = Chaincode }, Input = input } }.ToByteString(),
        }.ToByteString();
        var proposalHash = SHA256.HashData([.. channelHeader.Span, .. signatureHeader.Span, .. proposalPayload.Span]);
        var action = new ChaincodeAction
        {
            Results = ReadWriteSet.ToByteString(),
            Response = new Response { Status = 200 },
            ChaincodeId = new ChaincodeID { Name = Chaincode, Version = ChaincodeVersion },
        };
        if (EventName is not null)
        {
            action.Events = new ChaincodeEvent { ChaincodeId = Chaincode, TxId = txId, EventName = EventName, Payload = ByteString.CopyFrom(EventPayload) }.ToByteString();
        }

        var responsePayload = new ProposalResponsePayload { ProposalHash = ByteString.CopyFrom(proposalHash), Extension = action.ToByteString() }.ToByteString();
        var endorsed = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload };
        for (var i = 0; i < Endorsers.Count; i++)
        {
            var endorser = Endorsers[i].Serialized;
            var signature = Endorsers[i].Sign([.. responsePayload.Span, .. endorser.Span]);
            if (TamperEndorsementSignature is not null)
            {
                signature = TamperEndorsementSignature(i, signature);
            }

            endorsed.Endorsements.Add(new Endorsement { Endorser = endorser, Signature = ByteString.CopyFrom(signature) });
        }

        var transaction = new Transaction
        {
            Actions =
            {
                new TransactionAction
                {
                    Header = signatureHeader,
                    Payload = new ChaincodeActionPayload { ChaincodeProposalPayload = proposalPayload, Action = endorsed }.ToByteString(),
                },
            },
        };
        var payload = new Payload { Header = new Header { ChannelHeader = channelHeader, SignatureHeader = signatureHeader }, Data = transaction.ToByteString() }.ToByteString();
        var creatorSignature = Creator.Sign(payload.Span);
        if (TamperCreatorSignature is not null)
        {
            creatorSignature = TamperCreatorSignature(creatorSignature);
        }

        return (txId, new Envelope { Payload = payload, Signature = ByteString.CopyFrom(creatorSignature) }.ToByteArray());
    }
}
