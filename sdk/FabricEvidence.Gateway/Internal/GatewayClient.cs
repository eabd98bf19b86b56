using System.Diagnostics;
using System.Runtime.CompilerServices;
using FabricEvidence.Protocol;
using FabricEvidence.Protocol.Common;
using FabricEvidence.Protocol.Gateway;
using FabricEvidence.Protocol.Peer;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace FabricEvidence.Gateway.Internal;

/// <summary>
/// Makes the gRPC calls of one gateway: applies default timeouts, retries where that is safe, records spans and logs,
/// and turns gRPC failures into the gateway's typed exceptions.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    internal static readonly GrpcMethod<EvaluateRequest, EvaluateResponse> EvaluateMethod = GrpcMethod.Unary<EvaluateRequest, EvaluateResponse>("/gateway.Gateway/Evaluate");
    internal static readonly GrpcMethod<EndorseRequest, EndorseResponse> EndorseMethod = GrpcMethod.Unary<EndorseRequest, EndorseResponse>("/gateway.Gateway/Endorse");
    internal static readonly GrpcMethod<SubmitRequest, SubmitResponse> SubmitMethod = GrpcMethod.Unary<SubmitRequest, SubmitResponse>("/gateway.Gateway/Submit");
    internal static readonly GrpcMethod<SignedCommitStatusRequest, CommitStatusResponse> CommitStatusMethod = GrpcMethod.Unary<SignedCommitStatusRequest, CommitStatusResponse>("/gateway.Gateway/CommitStatus");
    internal static readonly GrpcMethod<SignedChaincodeEventsRequest, ChaincodeEventsResponse> ChaincodeEventsMethod = GrpcMethod.ServerStreaming<SignedChaincodeEventsRequest, ChaincodeEventsResponse>("/gateway.Gateway/ChaincodeEvents");
    internal static readonly GrpcMethod<Envelope, DeliverResponse> DeliverMethod = GrpcMethod.DuplexStreaming<Envelope, DeliverResponse>("/protos.Deliver/Deliver");
    internal static readonly GrpcMethod<Envelope, DeliverResponse> DeliverFilteredMethod = GrpcMethod.DuplexStreaming<Envelope, DeliverResponse>("/protos.Deliver/DeliverFiltered");
    internal static readonly GrpcMethod<Envelope, DeliverResponse> DeliverWithPrivateDataMethod = GrpcMethod.DuplexStreaming<Envelope, DeliverResponse>("/protos.Deliver/DeliverWithPrivateData");

    private static readonly ResiliencePropertyKey<string> OperationKey = new("fabric.operation");

    private readonly GrpcChannel _channel;
    private readonly GrpcCallOptions?[] _defaults;
    private readonly ResiliencePipeline _evaluatePipeline;
    private readonly ResiliencePipeline _submitPipeline;
    private readonly ResiliencePipeline _commitStatusPipeline;
    private readonly ResiliencePipeline _eventsPipeline;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lifetime = new();

    public GatewayClient(GatewayOptions options)
    {
        _channel = options.Connection!;
        _logger = options.LoggerFactory?.CreateLogger(GatewayDiagnostics.LoggerCategory) ?? NullLogger.Instance;
        _defaults = new GrpcCallOptions?[8];
        Default(CallKind.Evaluate, options.EvaluateTimeout);
        Default(CallKind.Endorse, options.EndorseTimeout);
        Default(CallKind.Submit, options.SubmitTimeout);
        Default(CallKind.CommitStatus, options.CommitStatusTimeout);
        Default(CallKind.ChaincodeEvents, options.ChaincodeEventsTimeout);
        Default(CallKind.BlockEvents, options.BlockEventsTimeout);
        Default(CallKind.FilteredBlockEvents, options.FilteredBlockEventsTimeout);
        Default(CallKind.BlockAndPrivateDataEvents, options.BlockAndPrivateDataEventsTimeout);

        var resilience = options.Resilience;
        _evaluatePipeline = BuildRetry(resilience, resilience.EvaluateMaxRetries, isStream: false, GrpcStatusCode.Unavailable);
        _submitPipeline = BuildRetry(resilience, resilience.SubmitMaxRetries, isStream: false, GrpcStatusCode.Unavailable);
        _commitStatusPipeline = BuildRetry(resilience, resilience.CommitStatusMaxRetries, isStream: false, GrpcStatusCode.Unavailable, GrpcStatusCode.DeadlineExceeded);
        _eventsPipeline = BuildRetry(resilience, resilience.EventReconnectMaxAttempts, isStream: true, GrpcStatusCode.Unavailable);

        void Default(CallKind kind, TimeSpan? timeout) =>
            _defaults[(int)kind] = timeout is { } t && t != Timeout.InfiniteTimeSpan ? new GrpcCallOptions { Timeout = t } : null;
    }

    public ILogger Logger => _logger;

    public bool IsDisposed => _lifetime.IsCancellationRequested;

    public Task<EvaluateResponse> EvaluateAsync(EvaluateRequest request, OperationInfo info, GrpcCallOptions? callOptions, CancellationToken cancellationToken) =>
        UnaryAsync(CallKind.Evaluate, EvaluateMethod, request, info, callOptions, _evaluatePipeline, cancellationToken);

    public Task<EndorseResponse> EndorseAsync(EndorseRequest request, OperationInfo info, GrpcCallOptions? callOptions, CancellationToken cancellationToken) =>
        UnaryAsync(CallKind.Endorse, EndorseMethod, request, info, callOptions, ResiliencePipeline.Empty, cancellationToken);

    public Task<SubmitResponse> SubmitAsync(SubmitRequest request, OperationInfo info, GrpcCallOptions? callOptions, CancellationToken cancellationToken) =>
        UnaryAsync(CallKind.Submit, SubmitMethod, request, info, callOptions, _submitPipeline, cancellationToken);

    public Task<CommitStatusResponse> CommitStatusAsync(SignedCommitStatusRequest request, OperationInfo info, GrpcCallOptions? callOptions, CancellationToken cancellationToken) =>
        UnaryAsync(CallKind.CommitStatus, CommitStatusMethod, request, info, callOptions, _commitStatusPipeline, cancellationToken);

    public void ThrowIfDisposed()
    {
        if (_lifetime.IsCancellationRequested)
        {
            throw new ObjectDisposedException(nameof(IGateway), "The gateway has been disposed.");
        }
    }

    /// <summary>Reads an event stream, reconnecting after the last item delivered when the source can be re-signed.</summary>
    public async IAsyncEnumerable<T> ReadEventsAsync<TRequest, TResponse, T>(
        EventSource<TRequest, TResponse, T> source,
        GrpcCallOptions? callOptions,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var kind = source.Kind;
        var info = source.Info;
        var operation = Telemetry.Describe(kind, info);
        // The span covers the whole stream. Setting it current here does not leak into the consumer: an async
        // iterator's changes to Activity.Current stay inside its own execution context.
        var activity = Telemetry.Start(kind, info);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var state = new StreamState<TRequest, TResponse, T>(this, source, EffectiveOptions(kind, callOptions), operation, activity);
        var pipeline = source.CanResume ? _eventsPipeline : ResiliencePipeline.Empty;
        Log.Started(_logger, operation);
        try
        {
            while (true)
            {
                bool hasNext;
                var context = ResilienceContextPool.Shared.Get(linked.Token);
                context.Properties.Set(OperationKey, operation);
                try
                {
                    hasNext = await pipeline.ExecuteAsync(
                        static (ctx, s) => s.MoveNextAsync(ctx.CancellationToken), context, state).ConfigureAwait(false);
                }
                catch (GrpcException ex)
                {
                    throw Fail(kind, ex, info, activity, cancellationToken);
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

    internal GrpcCallOptions? EffectiveOptions(CallKind kind, GrpcCallOptions? callOptions)
    {
        var defaults = _defaults[(int)kind];
        if (callOptions is null)
        {
            return defaults;
        }

        if (callOptions.Timeout is not null || callOptions.Deadline is not null || defaults is null)
        {
            return callOptions;
        }

        return new GrpcCallOptions { Timeout = defaults.Timeout, Headers = callOptions.Headers };
    }

    private async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        CallKind kind,
        GrpcMethod<TRequest, TResponse> method,
        TRequest request,
        OperationInfo info,
        GrpcCallOptions? callOptions,
        ResiliencePipeline pipeline,
        CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        using var activity = Telemetry.Start(kind, info);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _lifetime.Token);
        var options = EffectiveOptions(kind, callOptions);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            var operation = Telemetry.Describe(kind, info);
            Log.Started(_logger, operation);
        }

        var context = ResilienceContextPool.Shared.Get(linked.Token);
        if (!ReferenceEquals(pipeline, ResiliencePipeline.Empty))
        {
            context.Properties.Set(OperationKey, Telemetry.Describe(kind, info));
        }

        try
        {
            var response = await pipeline.ExecuteAsync(
                static (ctx, s) => new ValueTask<TResponse>(s.Channel.UnaryAsync(s.Method, s.Request, s.Options, ctx.CancellationToken)),
                context,
                (Channel: _channel, Method: method, Request: request, Options: options)).ConfigureAwait(false);
            if (_logger.IsEnabled(LogLevel.Debug))
            {
                var operation = Telemetry.Describe(kind, info);
                Log.Succeeded(_logger, operation);
            }

            return response;
        }
        catch (GrpcException ex)
        {
            throw Fail(kind, ex, info, activity, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Exception Fail(CallKind kind, GrpcException ex, in OperationInfo info, Activity? activity, CancellationToken cancellationToken)
    {
        var operation = Telemetry.Describe(kind, info);
        if (cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "cancelled");
            return new OperationCanceledException($"{operation} was cancelled.", ex, cancellationToken);
        }

        if (_lifetime.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "gateway disposed");
            return new OperationCanceledException($"{operation} was cancelled because the gateway was disposed.", ex, _lifetime.Token);
        }

        var error = GatewayErrors.Create(kind, ex, operation, info.TransactionId);
        Telemetry.Failed(activity, ex.StatusCode, error.Message);
        Log.Failed(_logger, operation, ex.StatusCode, ex.Status.Detail);
        return error;
    }

    private ResiliencePipeline BuildRetry(ResilienceOptions resilience, int maxRetries, bool isStream, params GrpcStatusCode[] codes)
    {
        if (maxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        var logger = _logger;
        var retry = new RetryStrategyOptions
        {
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = resilience.InitialDelay,
            MaxDelay = resilience.MaxDelay,
            UseJitter = resilience.UseJitter,
            ShouldHandle = new PredicateBuilder().Handle<GrpcException>(e => Array.IndexOf(codes, e.StatusCode) >= 0),
            OnRetry = args =>
            {
                var operation = args.Context.Properties.GetValue(OperationKey, "Gateway call");
                var code = (args.Outcome.Exception as GrpcException)?.StatusCode ?? GrpcStatusCode.Unknown;
                if (isStream)
                {
                    Log.Reconnecting(logger, operation, code, args.AttemptNumber + 1, args.RetryDelay, "after the last event delivered");
                }
                else
                {
                    Log.Retrying(logger, operation, code, args.AttemptNumber + 1, args.RetryDelay);
                }

                Activity.Current?.AddEvent(new ActivityEvent("retry", tags: new ActivityTagsCollection { ["rpc.grpc.status_code"] = (int)code }));
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
        private readonly GrpcCallOptions? _options;
        private readonly string _operation;
        private readonly Activity? _activity;
        private IDisposable? _call;
        private IAsyncEnumerator<TResponse>? _responses;
        private T? _last;
        private bool _hasLast;
        private int _opened;

        public StreamState(GatewayClient client, EventSource<TRequest, TResponse, T> source, GrpcCallOptions? options, string operation, Activity? activity)
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
                    if (_opened > 1)
                    {
                        _activity?.AddEvent(new ActivityEvent("reconnect"));
                    }

                    var (call, responses) = await _source.OpenAsync(_client._channel, request, _options, cancellationToken).ConfigureAwait(false);
                    _call = call;
                    _responses = responses.GetAsyncEnumerator(cancellationToken);
                }

                if (!await _responses.MoveNextAsync().ConfigureAwait(false))
                {
                    return false;
                }

                _source.Validate(_responses.Current);
                return true;
            }
            catch (GrpcException)
            {
                CloseCall();
                throw;
            }
        }

        public void CloseCall()
        {
            var responses = _responses;
            _responses = null;
            if (responses is not null)
            {
                // Disposing the enumerator of a finished or failed call completes synchronously.
                _ = responses.DisposeAsync().AsTask();
            }

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

    public abstract ValueTask<(IDisposable Call, IAsyncEnumerable<TResponse> Responses)> OpenAsync(GrpcChannel channel, TRequest request, GrpcCallOptions? options, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="GrpcException"/> for a response that ends the stream with an error.</summary>
    public virtual void Validate(TResponse response)
    {
    }

    public abstract IEnumerable<T> Unpack(TResponse response);
}
