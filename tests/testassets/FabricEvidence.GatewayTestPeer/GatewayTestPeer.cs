using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Chaincode;
using FabricEvidence.Chaincode.Testing;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using GrpcStatus = Grpc.Core.Status;

namespace FabricEvidence.GatewayTestPeer;

/// <summary>
/// A Gateway peer for tests: it speaks Fabric's Gateway protocol (Grpc.AspNetCore on loopback) and runs the chaincodes
/// it is given on one in-memory ledger, as one organisation's peer would. Endorse runs the proposal (creator,
/// transient data and timestamp as signed by the client), Submit commits it with Fabric's read-set validation, and
/// refusals come back as a Fabric 2.5 Gateway reports them (<c>chaincode response 500, ...</c>). Signatures are not
/// verified: the SDK's own tests do that.
/// </summary>
public sealed class GatewayTestPeer : IAsyncDisposable
{
    private readonly Dictionary<string, IChaincode> _chaincodes;
    private readonly ConcurrentDictionary<string, (InMemoryChaincodeStub Stub, string Chaincode)> _endorsed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (TxValidationCode Code, ulong Block)> _committed = new(StringComparer.Ordinal);
    private readonly List<CommittedEvent> _events = [];
    private readonly object _commitLock = new();
    private TaskCompletionSource _newEvents = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _height = 1;
    private WebApplication? _app;

    private GatewayTestPeer(Dictionary<string, IChaincode> chaincodes, string mspId)
    {
        _chaincodes = chaincodes;
        Ledger = new InMemoryLedger { ChannelId = "evidence", PeerMspId = mspId };
    }

    /// <summary>The ledger every chaincode of this peer runs on.</summary>
    public InMemoryLedger Ledger { get; }

    /// <summary>The address (<c>http://127.0.0.1:port</c>).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Chaincode events committed so far, in order.</summary>
    public IReadOnlyList<CommittedEvent> Events
    {
        get { lock (_commitLock) { return _events.ToList(); } }
    }

    /// <summary>Starts a peer running the given chaincodes (by chaincode name).</summary>
    /// <param name="chaincodes">The chaincodes, for example <c>["evidence"] = host.Chaincode</c>.</param>
    /// <param name="mspId">The peer's organisation.</param>
    /// <param name="tlsCertificate">A TLS certificate to serve HTTPS with; plaintext HTTP/2 when null.</param>
    /// <returns>The running peer.</returns>
    public static async Task<GatewayTestPeer> StartAsync(IReadOnlyDictionary<string, IChaincode> chaincodes, string mspId = "Org1MSP", X509Certificate2? tlsCertificate = null)
    {
        var peer = new GatewayTestPeer(new Dictionary<string, IChaincode>(chaincodes, StringComparer.Ordinal), mspId);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tlsCertificate is not null)
            {
                listen.UseHttps(tlsCertificate);
            }
        }));
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = 100 * 1024 * 1024);
        builder.Services.AddSingleton(peer);
        var app = builder.Build();
        app.MapGrpcService<Service>();
        await app.StartAsync();
        peer._app = app;
        peer.Address = new UriBuilder(new Uri(app.Urls.First())) { Host = "127.0.0.1" }.Uri;
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task<(InMemoryChaincodeStub Stub, ChaincodeResponse Response, string Chaincode)> RunAsync(SignedProposal signed, string txId, CancellationToken cancellationToken)
    {
        var proposal = Proposal.Parser.ParseFrom(signed.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var spec = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input).ChaincodeSpec;
        var chaincodeName = spec.ChaincodeId.Name;
        if (!_chaincodes.TryGetValue(chaincodeName, out var chaincode))
        {
            throw new RpcException(new GrpcStatus(StatusCode.NotFound, $"chaincode {chaincodeName} not found"));
        }

        var stub = Ledger.CreateStub(spec.Input.Args.Select(a => a.ToByteArray()));
        stub.TxId = txId;
        stub.ChannelId = channelHeader.ChannelId;
        stub.Creator = signatureHeader.Creator.ToByteArray();
        stub.TxTimestamp = new FabricTimestamp(channelHeader.Timestamp.Seconds, channelHeader.Timestamp.Nanos);
        stub.Transient = payload.TransientMap.ToDictionary(e => e.Key, e => e.Value.ToByteArray(), StringComparer.Ordinal);
        var response = await chaincode.InvokeAsync(stub, cancellationToken);
        return (stub, response, chaincodeName);
    }

    private static RpcException Refusal(string step, ChaincodeResponse response, string mspId)
    {
        // As Fabric's Gateway reports a chaincode error: the message in the status and in one ErrorDetail per peer.
        var message = $"chaincode response {response.Status}, {response.Message}";
        var status = new Google.Rpc.Status
        {
            Code = step == "evaluate" ? (int)StatusCode.Unknown : (int)StatusCode.Aborted,
            Message = step == "evaluate" ? "evaluate call to endorser returned error: " + message : "failed to endorse transaction, see attached details for more info",
        };
        status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(new ErrorDetail { Address = "127.0.0.1:7051", MspId = mspId, Message = message }));
        return status.ToRpcException();
    }

    private sealed class Service(GatewayTestPeer peer) : Protocol.Gateway.Gateway.GatewayBase
    {
        public override async Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context)
        {
            var (stub, response, _) = await peer.RunAsync(request.ProposedTransaction, request.TransactionId, context.CancellationToken);
            stub.Discard();
            if (!response.IsSuccess)
            {
                throw Refusal("evaluate", response, peer.Ledger.PeerMspId);
            }

            return new EvaluateResponse { Result = new Response { Status = response.Status, Payload = ByteString.CopyFrom(response.Payload) } };
        }

        public override async Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context)
        {
            var (stub, response, chaincodeName) = await peer.RunAsync(request.ProposedTransaction, request.TransactionId, context.CancellationToken);
            if (!response.IsSuccess)
            {
                stub.Discard();
                throw Refusal("endorse", response, peer.Ledger.PeerMspId);
            }

            peer._endorsed[request.TransactionId] = (stub, chaincodeName);
            var proposal = Proposal.Parser.ParseFrom(request.ProposedTransaction.ProposalBytes);
            var header = Header.Parser.ParseFrom(proposal.Header);
            var proposalPayload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
            proposalPayload.TransientMap.Clear();
            var action = new ChaincodeAction
            {
                Response = new Response { Status = response.Status, Message = response.Message, Payload = ByteString.CopyFrom(response.Payload) },
                ChaincodeId = new ChaincodeID { Name = chaincodeName },
            };
            if (stub.Event is { } chaincodeEvent)
            {
                action.Events = new ChaincodeEvent { ChaincodeId = chaincodeName, TxId = request.TransactionId, EventName = chaincodeEvent.Name, Payload = ByteString.CopyFrom(chaincodeEvent.Payload) }.ToByteString();
            }

            var responsePayload = new ProposalResponsePayload
            {
                ProposalHash = ByteString.CopyFrom(SHA256.HashData(request.ProposedTransaction.ProposalBytes.Span)),
                Extension = action.ToByteString(),
            };
            var actionPayload = new ChaincodeActionPayload
            {
                ChaincodeProposalPayload = proposalPayload.ToByteString(),
                Action = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload.ToByteString() },
            };
            var transaction = new Transaction();
            transaction.Actions.Add(new TransactionAction { Header = header.SignatureHeader, Payload = actionPayload.ToByteString() });
            var payload = new Payload { Header = header, Data = transaction.ToByteString() };
            return new EndorseResponse { PreparedTransaction = new Envelope { Payload = payload.ToByteString() } };
        }

        public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context)
        {
            if (!peer._endorsed.TryRemove(request.TransactionId, out var endorsed))
            {
                throw new RpcException(new GrpcStatus(StatusCode.FailedPrecondition, $"transaction {request.TransactionId} was not endorsed by this peer"));
            }

            var stub = endorsed.Stub;
            lock (peer._commitLock)
            {
                var code = stub.Commit();
                var block = peer._height++;
                peer._committed[request.TransactionId] = (code, block);
                if (code == TxValidationCode.Valid && stub.Event is { } chaincodeEvent)
                {
                    peer._events.Add(new CommittedEvent(block, request.TransactionId, endorsed.Chaincode, chaincodeEvent.Name, chaincodeEvent.Payload));
                    var signal = peer._newEvents;
                    peer._newEvents = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    signal.SetResult();
                }
            }

            return Task.FromResult(new SubmitResponse());
        }

        public override Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context)
        {
            var txId = CommitStatusRequest.Parser.ParseFrom(request.Request).TransactionId;
            return peer._committed.TryGetValue(txId, out var committed)
                ? Task.FromResult(new CommitStatusResponse { Result = committed.Code, BlockNumber = committed.Block })
                : throw new RpcException(new GrpcStatus(StatusCode.NotFound, $"transaction {txId} is unknown"));
        }

        public override async Task ChaincodeEvents(SignedChaincodeEventsRequest request, IServerStreamWriter<ChaincodeEventsResponse> responseStream, ServerCallContext context)
        {
            var inner = ChaincodeEventsRequest.Parser.ParseFrom(request.Request);
            ulong next;
            lock (peer._commitLock)
            {
                next = inner.StartPosition?.TypeCase == Protocol.Orderer.SeekPosition.TypeOneofCase.Specified ? inner.StartPosition.Specified.Number : peer._height;
            }

            var skipThrough = inner.AfterTransactionId;
            var sent = 0;
            while (!context.CancellationToken.IsCancellationRequested)
            {
                Task signal;
                List<CommittedEvent> ready;
                lock (peer._commitLock)
                {
                    signal = peer._newEvents.Task;
                    ready = peer._events.Skip(sent).ToList();
                }

                sent += ready.Count;
                foreach (var group in ready.Where(e => e.Block >= next && e.Chaincode == inner.ChaincodeId).GroupBy(e => e.Block))
                {
                    var response = new ChaincodeEventsResponse { BlockNumber = group.Key };
                    foreach (var e in group)
                    {
                        if (skipThrough.Length > 0)
                        {
                            if (e.TxId == skipThrough)
                            {
                                skipThrough = string.Empty;
                            }

                            continue;
                        }

                        response.Events.Add(new ChaincodeEvent { ChaincodeId = e.Chaincode, TxId = e.TxId, EventName = e.Name, Payload = ByteString.CopyFrom(e.Payload) });
                    }

                    skipThrough = string.Empty;
                    if (response.Events.Count > 0)
                    {
                        await responseStream.WriteAsync(response);
                    }
                }

                await signal.WaitAsync(context.CancellationToken);
            }
        }
    }
}

/// <summary>A chaincode event of a committed, valid transaction.</summary>
/// <param name="Block">The block (one transaction per block here).</param>
/// <param name="TxId">The transaction.</param>
/// <param name="Chaincode">The chaincode.</param>
/// <param name="Name">The event name.</param>
/// <param name="Payload">The payload.</param>
public sealed record CommittedEvent(ulong Block, string TxId, string Chaincode, string Name, byte[] Payload);
