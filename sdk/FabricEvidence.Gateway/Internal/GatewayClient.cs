using System.Diagnostics;
using System.Runtime.CompilerServices;
using FabricEvidence.Protocol.Gateway;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using DeliverClient = FabricEvidence.Protocol.Peer.Deliver.DeliverClient;
using GatewayServiceClient = FabricEvidence.Protocol.Gateway.Gateway.GatewayClient;

namespace FabricEvidence.Gateway.Internal;

/// <summary>
/// Makes the gRPC calls of one gateway through the generated Gateway and Deliver clients: applies default timeouts
/// (each a budget for the whole step, retries included), retries where that is safe, records spans, logs and
/// metrics, and turns gRPC failures into the gateway's typed exceptions.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    private static readonly ResiliencePropertyKey<string> OperationKey = new("fabric.operation");
    private static readonly ResiliencePropertyKey<DateTime?> DeadlineKey = new("fabric.deadline");

    private readonly TimeSpan?[] _timeouts;
    private readonly ResiliencePipeline _evaluatePipeline;
    private readonly ResiliencePipeline _submitPipeline;
    private readonly ResiliencePipeline _commitStatusPipeline;
    private readonly ResiliencePipeline _eventsPipeline;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();

    public GatewayClient(GatewayOptions options, CallInvoker invoker, string target)
    {
        Gateway = new GatewayServiceClient(invoker);
        Deliver = new DeliverClient(invoker);
        Target = target;
        _logger = options.LoggerFactory?.CreateLogger(GatewayDiagnostics.LoggerCategory) ?? NullLogger.Instance;
        _timeouts = new TimeSpan?[8];
        _timeouts[(int)CallKind.Evaluate] = options.EvaluateTimeout;
        _timeouts[(int)CallKind.Endorse] = options.EndorseTimeout;
        _timeouts[(int)CallKind.Submit] = options.SubmitTimeout;
        _timeouts[(int)CallKind.CommitStatus] = options.CommitStatusTimeout;
        _timeouts[(int)CallKind.ChaincodeEvents] = options.ChaincodeEventsTimeout;
        _timeouts[(int)CallKind.BlockEvents] = options.BlockEventsTimeout;
        _timeouts[(int)CallKind.FilteredBlockEvents] = options.FilteredBlockEventsTimeout;
        _timeouts[(int)CallKind.BlockAndPrivateDataEvents] = options.BlockAndPrivateDataEventsTimeout;

        var resilience = options.Resilience;
        _evaluatePipeline = BuildRetry(resilience, resilience.EvaluateMaxRetries, isStream: false, StatusCode.Unavailable);
        _submitPipeline = BuildRetry(resilience, resilience.SubmitMaxRetries, isStream: false, StatusCode.Unavailable);
        _commitStatusPipeline = BuildRetry(resilience, resilience.CommitStatusMaxRetries, isStream: false, StatusCode.Unavailable, StatusCode.DeadlineExceeded);
        _eventsPipeline = BuildRetry(resilience, resilience.EventReconnectMaxAttempts, isStream: true, StatusCode.Unavailable);
    }

    public GatewayServiceClient Gateway { get; }

    public DeliverClient Deliver { get; }

    /// <summary>Where the calls go, for logs and error messages (the channel's address, or the invoker's type).</summary>
    public string Target { get; }

    public ILogger Logger => _logger;

    public bool IsDisposed => _lifetime.IsCancellationRequested;

    public Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, OperationInfo info, CallOptions? callOptions, CancellationToken cancellationToken) =>
        UnaryAsync(CallKind.Evaluate, static (c, r, o) => c.EvaluateAsync(r, o), request, info, callOptions, _evaluatePipeline, cancellationToken);

    public Task<EndorseResponse> EndorseAsync(EndorseRequest request, OperationInfo info, CallOptions? callOptions, CancellationToken cancellationToken) =>
        UnaryAsync(CallKind.Endorse, static (c, r, o) => c.EndorseAsync(r, o), request, info, callOptions, ResiliencePipeline.Empty, cancellationToken);

    public Task<SubmitResponse> SubmitAsync(SubmitRequest request, OperationInfo info, CallOptions? callOptions, CancellationToken cancellationToken) =>
        UnaryAsync(CallKind.Submit, static (c, r, o) => c.SubmitAsync(r, o), request, info, callOptions, _submitPipeline, cancellationToken);

    public Task<CommitStatusResponse> CommitStatusAsync(SignedCommitStatusRequest request, OperationInfo info, CallOptions? callOptions, CancellationToken cancellationToken) =>
        UnaryAsync(CallKind.CommitStatus, static (c, r, o) => c.CommitStatusAsync(r, o), request, info, callOptions, _commitStatusPipeline, cancellationToken);

    public void ThrowIfDisposed()
    {
        if (_lifetime.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(IGateway), "The gateway has been disposed.");
        }
    }

    /// <summary>
    /// Reads an event stream, reconnecting after the last item delivered when the source can be re-signed, with
    /// back-off, until the caller cancels (or the configured attempts run out).
    /// </summary>
    public async IAsyncEnumerable<T> ReadEventsAsync<TRequest, TResponse, T>(
        EventSource<TRequest, TResponse, T> source,
        CallOptions? callOptions,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var kind = source.Kind;
        var info = source.Info;
        var operation = Telemetry.Describe(kind, info);
        // The span covers the whole stream. Setting it current here does not leak into the consumer: an async
        // iterator's changes to Activity.Current stay inside its own execution context.
        var activity = Telemetry.Start(kind, info);
        var userToken = callOptions?.CancellationToken ?? default;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, userToken, _lifetime.Token);
        var deadline = Deadline(kind, callOptions);
        var options = Effective(callOptions, deadline, linked.Token);
        var state = new StreamState<TRequest, TResponse, T>(this, source, options, operation, activity);
        var pipeline = source.CanResume ? _eventsPipeline : ResiliencePipeline.Empty;
        Log.Started(_logger, operation);
        try
        {
            while (true)
            {
                bool hasNext;
                var context = ResilienceContextPool.Shared.Get(linked.Token);
                context.Properties.Set(OperationKey, operation);
                context.Properties.Set(DeadlineKey, deadline);
                try
                {
                    hasNext = await pipeline.ExecuteAsync(
                        static (ctx, s) => s.MoveNextAsync(ctx.CancellationToken), context, state).ConfigureAwait(false);
                }
                catch (RpcException ex)
                {
                    throw Fail(kind, ex, info, activity, cancellationToken, userToken);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && !userToken.IsCancellationRequested && _lifetime.IsCancellationRequested)
                {
                    throw new OperationCanceledException($"{operation} was cancelled because the gateway was disposed.", ex, _lifetime.Token);
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }

                if (!hasNext)
                {
                    Log.Succeeded(_logger, operation);
                    yield break;
                }

                foreach (var item in source.Unpack(state.Current))
                {
                    state.Delivered(item);
                    yield return item;
                }
            }
        }
        finally
        {
            state.CloseCall();
            activity?.Dispose();
        }
    }

    public void Dispose()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            _lifetime.Cancel();
        }
    }

    /// <summary>
    /// The absolute deadline of a step: the caller's own, else now plus the configured timeout of that kind of call.
    /// It is computed once per step, so retries share it: a timeout is the step's budget, not each attempt's.
    /// </summary>
    internal DateTime? Deadline(CallKind kind, CallOptions? callOptions)
    {
        if (callOptions?.Deadline is { } deadline && deadline != DateTime.MaxValue)
        {
            return deadline.ToUniversalTime();
        }

        return _timeouts[(int)kind] is { } timeout && timeout != Timeout.InfiniteTimeSpan ? DateTime.UtcNow + timeout : null;
    }

    private static CallOptions Effective(CallOptions? callOptions, DateTime? deadline, CancellationToken cancellationToken) =>
        callOptions is { } given
            ? given.WithDeadline(deadline ?? DateTime.MaxValue).WithCancellationToken(cancellationToken)
            : new CallOptions(deadline: deadline, cancellationToken: cancellationToken);

    private async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        CallKind kind,
        Func<GatewayServiceClient, TRequest, CallOptions, AsyncUnaryCall<TResponse>> call,
        TRequest request,
        OperationInfo info,
        CallOptions? callOptions,
        ResiliencePipeline pipeline,
        CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        using var activity = Telemetry.Start(kind, info);
        var userToken = callOptions?.CancellationToken ?? default;
        using var linked = userToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, userToken, _lifetime.Token)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var deadline = Deadline(kind, callOptions);
        var options = Effective(callOptions, deadline, linked.Token);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var operation = Telemetry.Describe(kind, info);
            Log.Started(_logger, operation);
        }

        var context = ResilienceContextPool.Shared.Get(linked.Token);
        if (!ReferenceEquals(pipeline, ResiliencePipeline.Empty))
        {
            context.Properties.Set(OperationKey, Telemetry.Describe(kind, info));
            context.Properties.Set(DeadlineKey, deadline);
        }

        try
        {
            var response = await pipeline.ExecuteAsync(
                static async (ctx, s) =>
                {
                    using var pending = s.Call(s.Client, s.Request, s.Options);
                    return await pending.ResponseAsync.ConfigureAwait(false);
                },
                context,
                (Client: Gateway, Call: call, Request: request, Options: options)).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var operation = Telemetry.Describe(kind, info);
                Log.Succeeded(_logger, operation);
            }

            return response;
        }
        catch (RpcException ex)
        {
            throw Fail(kind, ex, info, activity, cancellationToken, userToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Exception Fail(CallKind kind, RpcException ex, in OperationInfo info, Activity? activity, CancellationToken cancellationToken, CancellationToken userToken)
    {
        var operation = Telemetry.Describe(kind, info);
        if (cancellationToken.IsCancellationRequested || userToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            return new OperationCanceledException($"{operation} was cancelled.", ex, cancellationToken.IsCancellationRequested ? cancellationToken : userToken);
        }

        if (_lifetime.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "gateway disposed");
            return new OperationCanceledException($"{operation} was cancelled because the gateway was disposed.", ex, _lifetime.Token);
        }

        var error = GatewayErrors.Create(kind, ex, operation, Target, info.TransactionId);
        Telemetry.Failed(activity, ex.StatusCode, error.Message);
        Log.Failed(_logger, operation, ex.StatusCode, ex.Status.Detail);
        return error;
    }

    private ResiliencePipeline BuildRetry(ResilienceOptions resilience, int maxRetries, bool isStream, params StatusCode[] codes)
    {
        if (maxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        var logger = _logger;
        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = maxRetries < 0 ? int.MaxValue : maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = resilience.InitialDelay,
            MaxDelay = resilience.MaxDelay,
            UseJitter = resilience.UseJitter,
            // A step's deadline is its budget: once it has passed, another attempt could only fail the same way.
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is RpcException e
                && Array.IndexOf(codes, e.StatusCode) >= 0
                && !args.Context.CancellationToken.IsCancellationRequested
                && (args.Context.Properties.GetValue(DeadlineKey, null) is not { } deadline || DateTime.UtcNow < deadline)),
            OnRetry = args =>
            {
                var operation = args.Context.Properties.GetValue(OperationKey, "Gateway call");
                var code = (args.Outcome.Exception as RpcException)?.StatusCode ?? StatusCode.Unknown;
                if (isStream)
                {
                    Log.Reconnecting(logger, operation, code, args.AttemptNumber + 1, args.RetryDelay, "after the last event delivered");
                    Telemetry.Reconnections.Add(1);
                }
                else
                {
                    Log.Retrying(logger, operation, code, args.AttemptNumber + 1, args.RetryDelay);
                    Telemetry.Retries.Add(1);
                }

                Activity.Current?.AddEvent(new ActivityEvent(isStream ? "reconnect" : "retry", tags: new ActivityTagsCollection { ["rpc.grpc.status_code"] = (int)code }));
                return ValueTask.CompletedTask;
            },
        };

        return new ResiliencePipelineBuilder().AddRetry(retry).Build();
    }

    /// <summary>One enumeration's state: the open call and how far it has delivered.</summary>
    private sealed class StreamState<TRequest, TResponse, T>
    {
        private readonly GatewayClient _client;
        private readonly EventSource<TRequest, TResponse, T> _source;
        private readonly CallOptions _options;
        private readonly string _operation;
        private readonly Activity? _activity;
        private IDisposable? _call;
        private IAsyncStreamReader<TResponse>? _responses;
        private T? _last;
        private bool _hasLast;
        private int _opened;

        public StreamState(GatewayClient client, EventSource<TRequest, TResponse, T> source, CallOptions options, string operation, Activity? activity)
        {
            _client = client;
            _source = source;
            _options = options;
            _operation = operation;
            _activity = activity;
        }

        public TResponse Current => _responses!.Current;

        public void Delivered(T item)
        {
            _last = item;
            _hasLast = true;
        }

        public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
        {
            try
            {
                if (_responses is null)
                {
                    var request = _opened++ == 0
                        ? await _source.GetFirstRequestAsync(cancellationToken).ConfigureAwait(false)
                        : await _source.CreateResumeRequestAsync(_hasLast, _last, cancellationToken).ConfigureAwait(false);
                    (_call, _responses) = await _source.OpenAsync(_client, request, _options.WithCancellationToken(cancellationToken), cancellationToken).ConfigureAwait(false);
                }

                if (!await _responses.MoveNext(cancellationToken).ConfigureAwait(false))
                {
                    return false;
                }

                _source.Validate(_responses.Current);
                return true;
            }
            catch (RpcException)
            {
                // The next attempt (if the pipeline makes one) opens a new call resuming after the last item.
                CloseCall();
                throw;
            }
        }

        public void CloseCall()
        {
            _responses = null;
            _call?.Dispose();
            _call = null;
        }

        public override string ToString() => _operation;
    }
}

/// <summary>Everything the stream engine needs to know about one kind of event request.</summary>
internal abstract class EventSource<TRequest, TResponse, T>
{
    public abstract CallKind Kind { get; }

    public abstract OperationInfo Info { get; }

    /// <summary>Whether a fresh, signed request can be made to resume after a failure.</summary>
    public abstract bool CanResume { get; }

    public abstract ValueTask<TRequest> GetFirstRequestAsync(CancellationToken cancellationToken);

    public abstract ValueTask<TRequest> CreateResumeRequestAsync(bool hasLast, T? last, CancellationToken cancellationToken);

    public abstract ValueTask<(IDisposable Call, IAsyncStreamReader<TResponse> Responses)> OpenAsync(GatewayClient client, TRequest request, CallOptions options, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="RpcException"/> for a response that ends the stream with an error.</summary>
    public virtual void Validate(TResponse response)
    {
    }

    public abstract IEnumerable<T> Unpack(TResponse response);
}
