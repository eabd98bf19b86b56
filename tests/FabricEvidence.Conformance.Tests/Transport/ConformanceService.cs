using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Conformance.Tests.Transport.Messages;
using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Server;
using FabricEvidence.Protocol.Server.Internal;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FabricEvidence.Conformance.Tests.Transport;

/// <summary>
/// conformance.Conformance served by our <see cref="GrpcServer"/>: the same behaviour as server.js, plus an in-process
/// record of what each call's handler observed, so tests can assert that the server saw a cancellation.
/// </summary>
internal sealed class ConformanceService
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, TokenLog> _logs = new(StringComparer.Ordinal);

    public GrpcServiceRegistry Registry() => new GrpcServiceRegistry()
        .AddUnary(ConformanceMethods.Unary, UnaryAsync)
        .AddServerStreaming(ConformanceMethods.ServerStream, ServerStreamAsync)
        .AddDuplexStreaming(ConformanceMethods.Bidi, BidiAsync)
        .AddUnary(ConformanceMethods.Observe, ObserveAsync);

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="eventName"/> on the call named <paramref name="token"/>; returns every event seen.</summary>
    public Task<string[]> WaitForAsync(string token, string eventName, TimeSpan timeout) => Log(token).WaitForAsync(eventName, timeout);

    private TokenLog Log(string token) => _logs.GetOrAdd(token, _ => new TokenLog());

    private void Record(string token, string eventName)
    {
        if (token.Length > 0)
        {
            Log(token).Add(eventName);
        }
    }

    private async Task<Response> UnaryAsync(Request request, ServerCallContext context)
    {
        Record(request.Token, "started");
        try
        {
            switch (request.Action)
            {
                case "echo":
                    return Respond(request, request.Payload, 0, context);
                case "metadata":
                    await EchoMetadataAsync(context);
                    return Respond(request, request.Payload, 0, context);
                case "large":
                    return Respond(request, ByteString.CopyFrom(ConformanceMethods.Pattern(checked((int)request.ResponseSize))), 0, context);
                case "error":
                    throw ErrorFor(request);
                case "sleep":
                    await Task.Delay(request.SleepMs, context.CancellationToken);
                    return Respond(request, request.Payload, 0, context);
                case "wait-cancel":
                    await Task.Delay(Safety, context.CancellationToken);
                    throw new GrpcException(GrpcStatusCode.Aborted, "the client never cancelled");
                default:
                    throw new GrpcException(GrpcStatusCode.InvalidArgument, $"unknown action '{request.Action}'");
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            Record(request.Token, "cancelled");
            throw;
        }
        finally
        {
            Record(request.Token, "completed");
        }
    }

    private async Task ServerStreamAsync(Request request, IServerStreamWriter<Response> responses, ServerCallContext context)
    {
        Record(request.Token, "started");
        try
        {
            switch (request.Action)
            {
                case "echo":
                    for (var i = 0; i < request.Count; i++)
                    {
                        await responses.WriteAsync(Respond(request, request.Payload, i, context));
                    }

                    break;
                case "metadata":
                    await EchoMetadataAsync(context);
                    await responses.WriteAsync(Respond(request, request.Payload, 0, context));
                    break;
                case "error":
                    await responses.WriteAsync(Respond(request, request.Payload, 0, context));
                    throw ErrorFor(request);
                case "sleep":
                    await Task.Delay(request.SleepMs, context.CancellationToken);
                    await responses.WriteAsync(Respond(request, request.Payload, 0, context));
                    break;
                case "wait-cancel":
                    await responses.WriteAsync(Respond(request, request.Payload, 0, context));
                    await Task.Delay(Safety, context.CancellationToken);
                    throw new GrpcException(GrpcStatusCode.Aborted, "the client never cancelled");
                default:
                    throw new GrpcException(GrpcStatusCode.InvalidArgument, $"unknown action '{request.Action}'");
            }
        }
        catch (Exception ex) when (ex is not GrpcException && context.CancellationToken.IsCancellationRequested)
        {
            Record(request.Token, "cancelled");
            throw;
        }
        finally
        {
            Record(request.Token, "completed");
        }
    }

    private async Task BidiAsync(IAsyncEnumerable<Request> requests, IServerStreamWriter<Response> responses, ServerCallContext context)
    {
        var tokens = new List<string>();
        var index = 0;
        try
        {
            await foreach (var request in requests)
            {
                if (request.Token.Length > 0 && !tokens.Contains(request.Token))
                {
                    tokens.Add(request.Token);
                    Record(request.Token, "started");
                }

                switch (request.Action)
                {
                    case "echo":
                        await responses.WriteAsync(Respond(request, request.Payload, index++, context));
                        break;
                    case "metadata":
                        if (index == 0)
                        {
                            await EchoMetadataAsync(context);
                        }

                        await responses.WriteAsync(Respond(request, request.Payload, index++, context));
                        break;
                    case "error":
                        await responses.WriteAsync(Respond(request, request.Payload, index++, context));
                        throw ErrorFor(request);
                    case "sleep":
                        await Task.Delay(request.SleepMs, context.CancellationToken);
                        await responses.WriteAsync(Respond(request, request.Payload, index++, context));
                        break;
                    case "wait-cancel":
                        await responses.WriteAsync(Respond(request, request.Payload, index++, context));
                        await Task.Delay(Safety, context.CancellationToken);
                        throw new GrpcException(GrpcStatusCode.Aborted, "the client never cancelled");
                    default:
                        throw new GrpcException(GrpcStatusCode.InvalidArgument, $"unknown action '{request.Action}'");
                }
            }
        }
        catch (Exception ex) when (ex is not GrpcException && context.CancellationToken.IsCancellationRequested)
        {
            tokens.ForEach(t => Record(t, "cancelled"));
            throw;
        }
        finally
        {
            tokens.ForEach(t => Record(t, "completed"));
        }
    }

    private async Task<ObserveResponse> ObserveAsync(ObserveRequest request, ServerCallContext context)
    {
        var events = request.Event.Length == 0
            ? Log(request.Token).Snapshot()
            : await WaitForAsync(request.Token, request.Event, TimeSpan.FromMilliseconds(request.WaitMs));
        return new ObserveResponse { Events = { events } };
    }

    /// <summary>The "metadata" action: echo-initial values go back in the response headers, trailing-bin values in the trailers.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var headers = new GrpcMetadata();
        foreach (var entry in context.RequestHeaders)
        {
            if (entry.Key == ConformanceMethods.EchoInitialKey)
            {
                headers.Add(entry.Key, entry.Value);
            }
            else if (entry.Key == ConformanceMethods.EchoTrailingKey)
            {
                context.ResponseTrailers.Add(entry.Key, entry.ValueBytes);
            }
        }

        await context.WriteResponseHeadersAsync(headers);
    }

    private static Response Respond(Request request, ByteString payload, int index, ServerCallContext context) => new()
    {
        Payload = payload,
        RequestSha256 = ConformanceMethods.Sha256(request.Payload),
        RequestLength = request.Payload.Length,
        Index = index,
        Id = request.Id,
        // Only the transport sees grpc-encoding (it is not request metadata), so ask the HTTP request directly.
        RequestEncoding = ((ServerCall)context).Http.Request.Headers["grpc-encoding"] is { Count: > 0 } encoding ? encoding.ToString() : "identity",
        Peer = context.Peer,
        ClientCertificateCn = context.ClientCertificate?.GetNameInfo(X509NameType.SimpleName, forIssuer: false) ?? string.Empty,
    };

    private static GrpcException ErrorFor(Request request)
    {
        var rich = new Protocol.Rpc.Status { Code = request.StatusCode, Message = request.StatusMessage };
        foreach (var detail in ConformanceMethods.ErrorDetailsFor(request.StatusMessage))
        {
            rich.Details.Add(Any.Pack(detail));
        }

        var trailers = new GrpcMetadata().Add("x-conformance", "error-trailer");
        return new GrpcException(new GrpcStatus((GrpcStatusCode)request.StatusCode, request.StatusMessage, rich), trailers, null);
    }

    private sealed class TokenLog
    {
        private readonly List<string> _events = [];
        private readonly List<(string Event, TaskCompletionSource Signal)> _waiters = [];

        public void Add(string eventName)
        {
            List<TaskCompletionSource> ready;
            lock (_events)
            {
                _events.Add(eventName);
                ready = _waiters.Where(w => w.Event == eventName).Select(w => w.Signal).ToList();
                _waiters.RemoveAll(w => w.Event == eventName);
            }

            ready.ForEach(s => s.TrySetResult());
        }

        public string[] Snapshot()
        {
            lock (_events)
            {
                return [.. _events];
            }
        }

        public async Task<string[]> WaitForAsync(string eventName, TimeSpan timeout)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_events)
            {
                if (_events.Contains(eventName))
                {
                    return [.. _events];
                }

                _waiters.Add((eventName, signal));
            }

            await Task.WhenAny(signal.Task, Task.Delay(timeout));
            return Snapshot();
        }
    }
}
