using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Net;
using FabricEvidence.Gateway.Internal;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Msp;
using FabricEvidence.Protocol.Peer;
using Google.Protobuf;
using Grpc.Core;
using GrpcStatus = Grpc.Core.Status;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SeekInfo = FabricEvidence.Protocol.Orderer.SeekInfo;
using SeekPosition = FabricEvidence.Protocol.Orderer.SeekPosition;

namespace FabricEvidence.Gateway.Tests.Infrastructure;

/// <summary>One transaction in the fake ledger.</summary>
internal sealed record FakeTransaction(string TxId, string Chaincode, string? EventName = null, byte[]? Payload = null, TxValidationCode Code = TxValidationCode.Valid);

/// <summary>One block in the fake ledger.</summary>
internal sealed record FakeBlock(ulong Number, IReadOnlyList<FakeTransaction> Transactions);

/// <summary>A scripted failure of the next stream: after <paramref name="AfterResponses"/> responses, end with <paramref name="Code"/>.</summary>
internal sealed record StreamFailure(int AfterResponses, StatusCode Code, string Message = "injected stream failure");

/// <summary>
/// An in-process Fabric Gateway and Deliver service on Grpc.AspNetCore (Kestrel on loopback, h2c or TLS). It verifies every signature the way a peer's MSP
/// does (and the transaction-ID rule), records every request, and answers with scripted results, errors or events.
/// </summary>
internal sealed class FakeGatewayServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ByteString, X509Certificate2> _certificates = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<RpcException>> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private WebApplication? _app;

    private FakeGatewayServer()
    {
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>The hash the "MSP" verifies signatures with. Defaults to SHA-256.</summary>
    public Hash Hash { get; set; } = Hash.Sha256;

    public ConcurrentQueue<EvaluateRequest> EvaluateRequests { get; } = new();

    public ConcurrentQueue<EndorseRequest> EndorseRequests { get; } = new();

    public ConcurrentQueue<SubmitRequest> SubmitRequests { get; } = new();

    public ConcurrentQueue<SignedCommitStatusRequest> CommitStatusRequests { get; } = new();

    public ConcurrentQueue<SignedChaincodeEventsRequest> ChaincodeEventsRequests { get; } = new();

    public ConcurrentQueue<(CallKind Kind, Envelope Envelope)> DeliverRequests { get; } = new();

    /// <summary>Every rule a request broke (bad signature, high S, wrong transaction ID). Tests assert it stays empty.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    /// <summary>Stream calls the server saw cancelled by the client.</summary>
    public ConcurrentQueue<string> CancelledStreams { get; } = new();

    public TxValidationCode CommitCode { get; set; } = TxValidationCode.Valid;

    public ulong CommitBlockNumber { get; set; } = 7;

    /// <summary>How long evaluate and commit-status calls take. Defaults to none.</summary>
    public TimeSpan CallDelay { get; set; }

    public List<FakeBlock> Blocks { get; } = new();

    /// <summary>Whether event streams end (OK) once they have sent every block; otherwise they wait until cancelled.</summary>
    public bool EndStreamsWhenCaughtUp { get; set; } = true;

    public ConcurrentQueue<StreamFailure> StreamFailures { get; } = new();

    /// <summary>When set, Deliver answers with this status instead of blocks.</summary>
    public Protocol.Common.Status? DeliverStatus { get; set; }

    /// <summary>When false, the server does not reject requests whose signatures fail (it still records violations).</summary>
    public bool RejectBadSignatures { get; set; } = true;

    /// <summary>Starts the server on a free loopback port: plaintext HTTP/2, or TLS with <paramref name="tlsCertificate"/>.</summary>
    public static async Task<FakeGatewayServer> StartAsync(X509Certificate2? tlsCertificate = null)
    {
        var server = new FakeGatewayServer();
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
        builder.Services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = 100 * 1024 * 1024);
        builder.Services.AddSingleton(server);
        var app = builder.Build();
        app.MapGrpcService<GatewayService>();
        app.MapGrpcService<DeliverService>();
        await app.StartAsync();
        server._app = app;
        var address = new Uri(app.Urls.First());
        server.Address = new UriBuilder(address) { Host = "127.0.0.1" }.Uri;
        return server;
    }

    public GrpcChannel CreateChannel() => GrpcChannel.ForAddress(Address);

    public int Calls(string method) => _calls.TryGetValue(method, out var n) ? n : 0;

    /// <summary>Makes the next call of <paramref name="method"/> (for example "Evaluate") fail with this status and these details.</summary>
    public void FailNext(string method, StatusCode code, string message, params Protocol.Gateway.ErrorDetail[] details)
    {
        RpcException failure;
        if (details.Length > 0)
        {
            // The Gateway's rich error: a google.rpc.Status with one gateway.ErrorDetail per endpoint, in grpc-status-details-bin.
            var rich = new Google.Rpc.Status { Code = (int)code, Message = message };
            foreach (var detail in details)
            {
                rich.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(detail));
            }

            failure = rich.ToRpcException();
        }
        else
        {
            failure = new RpcException(new GrpcStatus(code, message));
        }

        _failures.GetOrAdd(method, _ => new()).Enqueue(failure);
    }

    /// <summary>The result the fake chaincode returns: <c>name(arg1,arg2)</c>.</summary>
    public static string ResultFor(ChaincodeInput input) =>
        $"{input.Args[0].ToStringUtf8()}({string.Join(",", input.Args.Skip(1).Select(a => a.ToStringUtf8()))})";

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private void Enter(string method)
    {
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        if (_failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var failure))
        {
            throw failure;
        }
    }

    internal async Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, ServerCallContext context)
    {
        EvaluateRequests.Enqueue(request);
        Enter("Evaluate");
        var input = CheckProposal(request.ProposedTransaction, request.TransactionId, request.ChannelId);
        if (CallDelay > TimeSpan.Zero)
        {
            await Task.Delay(CallDelay, context.CancellationToken);
        }

        return new EvaluateResponse { Result = new Response { Status = 200, Payload = ByteString.CopyFromUtf8(ResultFor(input)) } };
    }

    internal Task<EndorseResponse> EndorseAsync(EndorseRequest request, ServerCallContext context)
    {
        EndorseRequests.Enqueue(request);
        Enter("Endorse");
        var input = CheckProposal(request.ProposedTransaction, request.TransactionId, request.ChannelId);
        var proposal = Proposal.Parser.ParseFrom(request.ProposedTransaction.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var proposalPayload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        proposalPayload.TransientMap.Clear();
        var chaincodeAction = new ChaincodeAction
        {
            Response = new Response { Status = 200, Payload = ByteString.CopyFromUtf8(ResultFor(input)) },
        };
        var responsePayload = new ProposalResponsePayload
        {
            ProposalHash = ByteString.CopyFrom(SHA256.HashData(request.ProposedTransaction.ProposalBytes.Span)),
            Extension = chaincodeAction.ToByteString(),
        };
        var actionPayload = new ChaincodeActionPayload
        {
            ChaincodeProposalPayload = proposalPayload.ToByteString(),
            Action = new ChaincodeEndorsedAction { ProposalResponsePayload = responsePayload.ToByteString() },
        };
        actionPayload.Action.Endorsements.Add(new Endorsement { Endorser = ByteString.CopyFromUtf8("peer0"), Signature = ByteString.CopyFromUtf8("sig") });
        var transaction = new Transaction();
        transaction.Actions.Add(new TransactionAction { Header = header.SignatureHeader, Payload = actionPayload.ToByteString() });
        var payload = new Payload { Header = header, Data = transaction.ToByteString() };
        return Task.FromResult(new EndorseResponse { PreparedTransaction = new Envelope { Payload = payload.ToByteString() } });
    }

    internal Task<SubmitResponse> SubmitAsync(SubmitRequest request, ServerCallContext context)
    {
        SubmitRequests.Enqueue(request);
        Enter("Submit");
        var envelope = request.PreparedTransaction;
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        CheckSignature("Submit", signatureHeader.Creator, envelope.Payload, envelope.Signature);
        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        Expect(channelHeader.TxId == request.TransactionId, $"Submit: request transaction_id {request.TransactionId} differs from the envelope's {channelHeader.TxId}");
        Expect(channelHeader.ChannelId == request.ChannelId, $"Submit: request channel {request.ChannelId} differs from the envelope's {channelHeader.ChannelId}");
        return Task.FromResult(new SubmitResponse());
    }

    internal async Task<CommitStatusResponse> CommitStatusAsync(SignedCommitStatusRequest signed, ServerCallContext context)
    {
        CommitStatusRequests.Enqueue(signed);
        // The wait comes first, as a peer waits for the commit before it can answer (or fail).
        if (CallDelay > TimeSpan.Zero)
        {
            await Task.Delay(CallDelay, context.CancellationToken);
        }

        Enter("CommitStatus");
        var request = CommitStatusRequest.Parser.ParseFrom(signed.Request);
        CheckSignature("CommitStatus", request.Identity, signed.Request, signed.Signature);
        return new CommitStatusResponse { Result = CommitCode, BlockNumber = CommitBlockNumber };
    }

    internal async Task ChaincodeEventsAsync(SignedChaincodeEventsRequest signed, IServerStreamWriter<ChaincodeEventsResponse> responses, ServerCallContext context)
    {
        ChaincodeEventsRequests.Enqueue(signed);
        Enter("ChaincodeEvents");
        var request = ChaincodeEventsRequest.Parser.ParseFrom(signed.Request);
        CheckSignature("ChaincodeEvents", request.Identity, signed.Request, signed.Signature);
        StreamFailures.TryDequeue(out var failure);

        var start = StartOf(request.StartPosition);
        var skipThrough = string.Empty;
        if (request.AfterTransactionId.Length > 0)
        {
            var holder = Blocks.FirstOrDefault(b => b.Transactions.Any(t => t.TxId == request.AfterTransactionId));
            if (holder is not null)
            {
                start = holder.Number;
                skipThrough = request.AfterTransactionId;
            }
        }

        var sent = 0;
        foreach (var block in Blocks.Where(b => b.Number >= start).OrderBy(b => b.Number))
        {
            var response = new ChaincodeEventsResponse { BlockNumber = block.Number };
            foreach (var tx in block.Transactions)
            {
                if (skipThrough.Length > 0)
                {
                    if (tx.TxId == skipThrough)
                    {
                        skipThrough = string.Empty;
                    }

                    continue;
                }

                if (tx.Code == TxValidationCode.Valid && tx.Chaincode == request.ChaincodeId && tx.EventName is not null)
                {
                    response.Events.Add(new Protocol.Peer.ChaincodeEvent
                    {
                        ChaincodeId = tx.Chaincode,
                        TxId = tx.TxId,
                        EventName = tx.EventName,
                        Payload = ByteString.CopyFrom(tx.Payload ?? Array.Empty<byte>()),
                    });
                }
            }

            skipThrough = string.Empty;
            if (response.Events.Count == 0)
            {
                continue;
            }

            if (failure is not null && sent == failure.AfterResponses)
            {
                throw new RpcException(new GrpcStatus(failure.Code, failure.Message));
            }

            await responses.WriteAsync(response);
            sent++;
        }

        if (failure is not null && sent <= failure.AfterResponses)
        {
            throw new RpcException(new GrpcStatus(failure.Code, failure.Message));
        }

        await WaitIfOpenAsync("ChaincodeEvents", context);
    }

    internal async Task DeliverAsync(CallKind kind, IAsyncStreamReader<Envelope> requests, IServerStreamWriter<DeliverResponse> responses, ServerCallContext context)
    {
        Envelope? envelope = null;
        if (await requests.MoveNext(context.CancellationToken))
        {
            envelope = requests.Current;
        }

        if (envelope is null)
        {
            throw new RpcException(new GrpcStatus(StatusCode.InvalidArgument, "no seek envelope"));
        }

        DeliverRequests.Enqueue((kind, envelope));
        Enter(kind.ToString());
        var payload = Payload.Parser.ParseFrom(envelope.Payload);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(payload.Header.SignatureHeader);
        CheckSignature(kind.ToString(), signatureHeader.Creator, envelope.Payload, envelope.Signature);
        var channelHeader = ChannelHeader.Parser.ParseFrom(payload.Header.ChannelHeader);
        Expect(channelHeader.Type == (int)HeaderType.DeliverSeekInfo, $"{kind}: channel header type {channelHeader.Type} is not DELIVER_SEEK_INFO");
        var seekInfo = SeekInfo.Parser.ParseFrom(payload.Data);
        StreamFailures.TryDequeue(out var failure);

        if (DeliverStatus is { } status)
        {
            await responses.WriteAsync(new DeliverResponse { Status = status });
            return;
        }

        var sent = 0;
        foreach (var block in Blocks.Where(b => b.Number >= StartOf(seekInfo.Start)).OrderBy(b => b.Number))
        {
            if (failure is not null && sent == failure.AfterResponses)
            {
                throw new RpcException(new GrpcStatus(failure.Code, failure.Message));
            }

            await responses.WriteAsync(ToDeliverResponse(kind, channelHeader.ChannelId, block));
            sent++;
        }

        if (failure is not null && sent <= failure.AfterResponses)
        {
            throw new RpcException(new GrpcStatus(failure.Code, failure.Message));
        }

        await WaitIfOpenAsync(kind.ToString(), context);
    }

    private static DeliverResponse ToDeliverResponse(CallKind kind, string channel, FakeBlock block)
    {
        var full = new Block
        {
            Header = new BlockHeader { Number = block.Number },
            Data = new BlockData(),
        };
        foreach (var tx in block.Transactions)
        {
            full.Data.Data.Add(ByteString.CopyFromUtf8(tx.TxId));
        }

        switch (kind)
        {
            case CallKind.BlockEvents:
                return new DeliverResponse { Block = full };
            case CallKind.FilteredBlockEvents:
                var filtered = new FilteredBlock { ChannelId = channel, Number = block.Number };
                foreach (var tx in block.Transactions)
                {
                    filtered.FilteredTransactions.Add(new FilteredTransaction { Txid = tx.TxId, TxValidationCode = tx.Code, Type = HeaderType.EndorserTransaction });
                }

                return new DeliverResponse { FilteredBlock = filtered };
            default:
                return new DeliverResponse { BlockAndPrivateData = new BlockAndPrivateData { Block = full } };
        }
    }

    private ulong StartOf(SeekPosition position)
    {
        var height = Blocks.Count == 0 ? 0 : Blocks.Max(b => b.Number) + 1;
        return position.TypeCase switch
        {
            SeekPosition.TypeOneofCase.Specified => position.Specified.Number,
            SeekPosition.TypeOneofCase.Oldest => 0,
            SeekPosition.TypeOneofCase.Newest => height == 0 ? 0 : height - 1,
            _ => height,
        };
    }

    private async Task WaitIfOpenAsync(string method, ServerCallContext context)
    {
        if (EndStreamsWhenCaughtUp)
        {
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            CancelledStreams.Enqueue(method);
            throw;
        }
    }

    private ChaincodeInput CheckProposal(SignedProposal signedProposal, string transactionId, string channelId)
    {
        var proposal = Proposal.Parser.ParseFrom(signedProposal.ProposalBytes);
        var header = Header.Parser.ParseFrom(proposal.Header);
        var channelHeader = ChannelHeader.Parser.ParseFrom(header.ChannelHeader);
        var signatureHeader = SignatureHeader.Parser.ParseFrom(header.SignatureHeader);
        CheckSignature("Proposal", signatureHeader.Creator, signedProposal.ProposalBytes, signedProposal.Signature);

        var expectedTxId = Convert.ToHexStringLower(SHA256.HashData(signatureHeader.Nonce.Concat(signatureHeader.Creator).ToArray()));
        Expect(channelHeader.TxId == expectedTxId, $"Proposal: tx_id {channelHeader.TxId} is not SHA-256(nonce||creator) {expectedTxId}");
        Expect(transactionId == channelHeader.TxId, $"Proposal: request transaction_id {transactionId} differs from the header's {channelHeader.TxId}");
        Expect(channelId == channelHeader.ChannelId, $"Proposal: request channel {channelId} differs from the header's {channelHeader.ChannelId}");
        Expect(channelHeader.Epoch == 0, "Proposal: epoch is not 0");
        Expect(signatureHeader.Nonce.Length == 24, $"Proposal: nonce is {signatureHeader.Nonce.Length} bytes, not 24");

        var payload = ChaincodeProposalPayload.Parser.ParseFrom(proposal.Payload);
        var invocation = ChaincodeInvocationSpec.Parser.ParseFrom(payload.Input);
        return invocation.ChaincodeSpec.Input;
    }

    private void CheckSignature(string what, ByteString creator, ByteString message, ByteString signature)
    {
        string? problem = null;
        if (signature.IsEmpty)
        {
            problem = $"{what}: unsigned";
        }
        else
        {
            var certificate = _certificates.GetOrAdd(creator, c =>
            {
                var identity = SerializedIdentity.Parser.ParseFrom(c);
                return X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(identity.IdBytes.Span));
            });
            if (!TestCredentials.Verify(certificate, message.ToByteArray(), signature.ToByteArray(), Hash))
            {
                problem = $"{what}: signature does not verify (or has a high S)";
            }
        }

        if (problem is not null)
        {
            Violations.Enqueue(problem);
            if (RejectBadSignatures)
            {
                throw new RpcException(new GrpcStatus(StatusCode.PermissionDenied, problem));
            }
        }
    }

    private void Expect(bool condition, string violation)
    {
        if (!condition)
        {
            Violations.Enqueue(violation);
        }
    }
}

/// <summary>The Gateway service of <see cref="FakeGatewayServer"/>, as Grpc.AspNetCore hosts it.</summary>
internal sealed class GatewayService(FakeGatewayServer server) : Protocol.Gateway.Gateway.GatewayBase
{
    public override Task<EvaluateResponse> Evaluate(EvaluateRequest request, ServerCallContext context) => server.EvaluateAsync(request, context);

    public override Task<EndorseResponse> Endorse(EndorseRequest request, ServerCallContext context) => server.EndorseAsync(request, context);

    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context) => server.SubmitAsync(request, context);

    public override Task<CommitStatusResponse> CommitStatus(SignedCommitStatusRequest request, ServerCallContext context) => server.CommitStatusAsync(request, context);

    public override Task ChaincodeEvents(SignedChaincodeEventsRequest request, IServerStreamWriter<ChaincodeEventsResponse> responseStream, ServerCallContext context) =>
        server.ChaincodeEventsAsync(request, responseStream, context);
}

/// <summary>The Deliver service of <see cref="FakeGatewayServer"/>.</summary>
internal sealed class DeliverService(FakeGatewayServer server) : Deliver.DeliverBase
{
    public override Task Deliver(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        server.DeliverAsync(CallKind.BlockEvents, requestStream, responseStream, context);

    public override Task DeliverFiltered(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        server.DeliverAsync(CallKind.FilteredBlockEvents, requestStream, responseStream, context);

    public override Task DeliverWithPrivateData(IAsyncStreamReader<Envelope> requestStream, IServerStreamWriter<DeliverResponse> responseStream, ServerCallContext context) =>
        server.DeliverAsync(CallKind.BlockAndPrivateDataEvents, requestStream, responseStream, context);
}
