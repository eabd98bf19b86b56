using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Protocol.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FabricEvidence.Protocol.Server.Internal;

/// <summary>The state of one call on the server: its context, its response writer, and how it ends.</summary>
internal sealed class ServerCall : ServerCallContext, IDisposable
{
    // The longest delay a CancellationTokenSource accepts (about 49.7 days). grpc-timeout allows up to 99,999,999
    // hours; a deadline further away than this cannot matter to a call, so it gets no timer instead of an exception.
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly HttpContext _http;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenSource? _deadline;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private GrpcMetadata? _requestHeaders;
    private bool _completed;

    public ServerCall(HttpContext http, string method, GrpcServerOptions options, TimeSpan? timeout)
    {
        _http = http;
        Method = method;
        Options = options;
        if (timeout is { } t)
        {
            var now = DateTimeOffset.UtcNow;
            Deadline = t < DateTimeOffset.MaxValue - now ? now + t : DateTimeOffset.MaxValue;
        }

        if (timeout is { } timer && timer <= MaxTimerDelay)
        {
            // A token of its own, so "the deadline passed" means "the deadline timer fired": comparing the wall clock
            // with Deadline can still say "not yet" when the timer has already cancelled the handler.
            _deadline = new CancellationTokenSource(timer);
            _cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, _deadline.Token);
        }
        else
        {
            _cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        }
    }

    public GrpcServerOptions Options { get; }

    public HttpContext Http => _http;

    public override string Method { get; }

    public override string Peer =>
        _http.Connection.RemoteIpAddress is { } ip ? $"{ip}:{_http.Connection.RemotePort.ToString(CultureInfo.InvariantCulture)}" : "unknown";

    public override GrpcMetadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders(_http.Request.Headers);

    public override GrpcMetadata ResponseTrailers { get; } = new();

    public override DateTimeOffset? Deadline { get; }

    public override CancellationToken CancellationToken => _cts.Token;

    public override X509Certificate2? ClientCertificate => _http.Connection.ClientCertificate;

    public bool DeadlineExceeded => _deadline is { IsCancellationRequested: true } && !_http.RequestAborted.IsCancellationRequested;

    public bool ClientAborted => _http.RequestAborted.IsCancellationRequested;

    public override async Task WriteResponseHeadersAsync(GrpcMetadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            if (_http.Response.HasStarted)
            {
                throw new InvalidOperationException("Response headers have already been sent.");
            }

            foreach (var entry in headers)
            {
                _http.Response.Headers.Append(entry.Key, entry.IsBinary ? GrpcProtocol.EncodeBinaryHeader(entry.ValueBytes) : entry.Value);
            }

            await _http.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task WriteMessageAsync<T>(GrpcMarshaller<T> marshaller, T message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationToken) : null;
        var token = linked?.Token ?? CancellationToken;
        await _writeLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException("The call has completed; no more responses can be written.");
            }

            var size = marshaller.GetSize(message);
            if (size > Options.MaxSendMessageSize)
            {
                throw new GrpcException(GrpcStatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} > {Options.MaxSendMessageSize} bytes).");
            }

            var writer = _http.Response.BodyWriter;
            var span = writer.GetSpan(GrpcProtocol.HeaderSize + size);
            GrpcProtocol.WriteHeader(span, compressed: false, size);
            marshaller.Write(message, span.Slice(GrpcProtocol.HeaderSize, size));
            writer.Advance(GrpcProtocol.HeaderSize + size);
            await writer.FlushAsync(token).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Ends the call: the status goes in trailers, or in headers when nothing was sent (trailers-only).</summary>
    public async Task CompleteAsync(GrpcStatus status, GrpcMetadata? extraTrailers)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            var response = _http.Response;
            var trailersOnly = !response.HasStarted;
            IHeaderDictionary target = trailersOnly ? response.Headers : TrailerTarget(response);
            Append(target, ResponseTrailers);
            if (extraTrailers is not null)
            {
                Append(target, extraTrailers);
            }

            target[GrpcProtocol.StatusHeader] = ((int)status.Code).ToString(CultureInfo.InvariantCulture);
            if (status.Detail.Length > 0)
            {
                target[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(status.Detail);
            }

            if (status.RichStatus is { } rich)
            {
                target[GrpcProtocol.StatusDetailsHeader] = GrpcProtocol.EncodeBinaryHeader(Google.Protobuf.MessageExtensions.ToByteArray(rich));
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static IHeaderDictionary TrailerTarget(HttpResponse response)
    {
        var feature = response.HttpContext.Features.Get<IHttpResponseTrailersFeature>()
            ?? throw new InvalidOperationException("The HTTP transport does not support trailers; gRPC needs HTTP/2.");
        return feature.Trailers;
    }

    private static void Append(IHeaderDictionary target, GrpcMetadata metadata)
    {
        foreach (var entry in metadata)
        {
            target.Append(entry.Key, entry.IsBinary ? GrpcProtocol.EncodeBinaryHeader(entry.ValueBytes) : entry.Value);
        }
    }

    private static GrpcMetadata ReadRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new GrpcMetadata();
        foreach (var header in headers)
        {
            var key = header.Key;
            if (key.StartsWith(':') || key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) ||
                key.Equals("te", StringComparison.OrdinalIgnoreCase) || key.Equals("content-type", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in header.Value)
            {
                if (value is null)
                {
                    continue;
                }

                if (key.EndsWith("-bin", StringComparison.OrdinalIgnoreCase))
                {
                    try
                    {
                        foreach (var bytes in GrpcProtocol.DecodeBinaryHeaderValues(value))
                        {
                            metadata.AddReceived(key, null, bytes);
                        }
                    }
                    catch (FormatException)
                    {
                        // An undecodable binary header is dropped, not fatal to the call.
                    }
                }
                else
                {
                    metadata.AddReceived(key, value, null);
                }
            }
        }

        return metadata;
    }

    public void Dispose()
    {
        _cts.Dispose();
        _deadline?.Dispose();
        _writeLock.Dispose();
    }
}
