using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;

namespace FabricEvidence.Gateway.Internal;

/// <summary>Reads what the gateway needs out of nested Fabric messages, with errors that say which layer is wrong.</summary>
internal static class Messages
{
    public static T Parse<T>(MessageParser<T> parser, ByteString bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"{what} is not a valid {typeof(T).Name} message: {ex.Message}", ex);
        }
    }

    public static T Parse<T>(MessageParser<T> parser, byte[] bytes, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"{what} is not a valid {typeof(T).Name} message: {ex.Message}", ex);
        }
    }

    /// <summary>The channel, chaincode and qualified transaction name of a proposal.</summary>
    public static (string Channel, string Chaincode, string TransactionName) ReadProposal(SignedProposal signedProposal)
    {
        var proposal = Parse(Proposal.Parser, signedProposal.ProposalBytes, "The signed proposal's proposal_bytes");
        var header = Parse(Header.Parser, proposal.Header, "The proposal's header");
        var channelHeader = Parse(ChannelHeader.Parser, header.ChannelHeader, "The proposal's channel header");
        var payload = Parse(ChaincodeProposalPayload.Parser, proposal.Payload, "The proposal's payload");
        var invocation = Parse(ChaincodeInvocationSpec.Parser, payload.Input, "The proposal's chaincode invocation spec");
        var spec = invocation.ChaincodeSpec;
        var name = spec?.Input?.Args.Count > 0 ? spec.Input.Args[0].ToStringUtf8() : string.Empty;
        return (channelHeader.ChannelId, spec?.ChaincodeId?.Name ?? string.Empty, name);
    }

    /// <summary>The channel and chaincode result of an endorsed transaction envelope.</summary>
    public static (string Channel, byte[] Result) ReadTransaction(Envelope envelope)
    {
        var payload = Parse(Payload.Parser, envelope.Payload, "The transaction envelope's payload");
        if (payload.Header is null)
        {
            throw new FormatException("The transaction envelope's payload has no header.");
        }

        var channelHeader = Parse(ChannelHeader.Parser, payload.Header.ChannelHeader, "The transaction's channel header");
        var transaction = Parse(Transaction.Parser, payload.Data, "The transaction envelope's data");
        var problems = new List<string>();
        foreach (var action in transaction.Actions)
        {
            try
            {
                var actionPayload = Parse(ChaincodeActionPayload.Parser, action.Payload, "A transaction action's payload");
                var endorsed = actionPayload.Action ?? throw new FormatException("A transaction action has no endorsed action.");
                var responsePayload = Parse(ProposalResponsePayload.Parser, endorsed.ProposalResponsePayload, "The proposal response payload");
                var chaincodeAction = Parse(ChaincodeAction.Parser, responsePayload.Extension, "The proposal response's chaincode action");
                var response = chaincodeAction.Response ?? throw new FormatException("The chaincode action has no response.");
                return (channelHeader.ChannelId, response.Payload.ToByteArray());
            }
            catch (FormatException ex)
            {
                problems.Add(ex.Message);
            }
        }

        throw new FormatException(problems.Count == 0
            ? "The transaction has no actions, so it holds no chaincode result."
            : "No transaction action holds a chaincode result: " + string.Join("; ", problems));
    }

    public static (ChannelHeader ChannelHeader, SignatureHeader SignatureHeader, FabricEvidence.Protocol.Orderer.SeekInfo SeekInfo) ReadDeliverEnvelope(Envelope envelope)
    {
        var payload = Parse(Payload.Parser, envelope.Payload, "The block events request's payload");
        if (payload.Header is null)
        {
            throw new FormatException("The block events request's payload has no header.");
        }

        var channelHeader = Parse(ChannelHeader.Parser, payload.Header.ChannelHeader, "The block events request's channel header");
        var signatureHeader = Parse(SignatureHeader.Parser, payload.Header.SignatureHeader, "The block events request's signature header");
        var seekInfo = Parse(FabricEvidence.Protocol.Orderer.SeekInfo.Parser, payload.Data, "The block events request's seek info");
        return (channelHeader, signatureHeader, seekInfo);
    }

    public static CommitStatusRequest ReadCommitStatusRequest(SignedCommitStatusRequest signed) =>
        Parse(CommitStatusRequest.Parser, signed.Request, "The signed commit status request's request");

    public static ChaincodeEventsRequest ReadChaincodeEventsRequest(SignedChaincodeEventsRequest signed) =>
        Parse(ChaincodeEventsRequest.Parser, signed.Request, "The signed chaincode events request's request");
}
