using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using Google.Protobuf;

namespace FabricEvidence.Protocol.Internal;

/// <summary>
/// One gRPC call over one HTTP/2 stream: sends the request (a single message or a pushed stream), reads response
/// frames, and turns every way a call can end — trailers, resets, timeouts, cancellation, malformed input — into
/// exactly one <see cref="GrpcStatus"/>.
/// </summary>
internal sealed class ClientCall<TRequest, TResponse> : IResponseCall<TResponse>, IClientCallState
{
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly GrpcChannel _channel;
    private readonly GrpcMethod<TRequest, TResponse> _method;
    private readonly CancellationToken _userToken;
    private readonly CancellationTokenSource _cts;
    private readonly HttpRequestMessage _request;
    private readonly TimeSpan? _timeout;
    private Task<HttpResponseMessage>? _sendTask;
    private Task<GrpcMetadata>? _headersTask;
    private HttpResponseMessage? _response;
    private StreamFrameReader? _reader;
    private PushStreamContent? _push;
    private string? _responseEncoding;
    private GrpcStatus? _status;
    private GrpcMetadata? _trailers;
    private volatile bool _localCancel;
    private int _disposed;

    public ClientCall(GrpcChannel channel, GrpcMethod<TRequest, TResponse> method, GrpcCallOptions? options, CancellationToken cancellationToken)
    {
        _channel = channel;
        _method = method;
        _userToken = cancellationToken;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _timeout = options?.EffectiveTimeout(DateTimeOffset.UtcNow);

        _request = new HttpRequestMessage(HttpMethod.Post, new Uri(channel.Address, method.Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var headers = _request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", channel.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (_timeout is { } timeout)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.FormatTimeout(timeout));
        }

        if (options?.Headers is { } metadata)
        {
            foreach (var entry in metadata)
            {
                headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? GrpcProtocol.EncodeBinaryHeader(entry.ValueBytes) : entry.Value);
            }
        }
    }

    public TResponse Current { get; private set; } = default!;

    public Task<GrpcMetadata> ResponseHeadersAsync => _headersTask ?? throw new InvalidOperationException("The call has not started.");

    public void SendSingle(TRequest message)
    {
        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = MessageFramer.Frame(_method.RequestMarshaller, message, _channel.Options.MaxSendMessageSize);
        }
        catch (GrpcException ex)
        {
            _status = ex.Status;
            _headersTask = Task.FromException<GrpcMetadata>(ex);
            return;
        }

        Start(new SingleMessageContent(buffer, length));
    }

    public ClientRequestStream<TRequest> SendStreaming()
    {
        _push = new PushStreamContent();
        Start(_push);
        return new ClientRequestStream<TRequest>(this, _push, _method.RequestMarshaller, _channel.Options.MaxSendMessageSize);
    }

    private void Start(HttpContent content)
    {
        _request.Content = content;
        if (_timeout is { } timeout)
        {
            if (timeout <= TimeSpan.Zero)
            {
                var ex = new GrpcException(new GrpcStatus(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded"), null, null);
                _status = ex.Status;
                _push?.Fail(ex);
                _headersTask = Task.FromException<GrpcMetadata>(ex);
                return;
            }

            // CancelAfter rejects delays over about 49.7 days; a deadline further away cannot matter to a call, and
            // the server still receives it in grpc-timeout.
            if (timeout <= MaxTimerDelay)
            {
                _cts.CancelAfter(timeout);
            }
        }

        _sendTask = _channel.Invoker.SendAsync(_request, _cts.Token);
        _headersTask = ReadHeadersAsync();
    }

    private async Task<GrpcMetadata> ReadHeadersAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await _sendTask!.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw Fail(MapException(ex));
        }

        _response = response;
        var headers = ToMetadata(response.Headers, response.Content.Headers);
        var grpcStatus = HeaderValue(response.Headers, GrpcProtocol.StatusHeader);

        if (response.StatusCode != HttpStatusCode.OK)
        {
            _trailers = headers;
            throw Fail(grpcStatus is not null
                ? StatusFrom(response.Headers)
                : new GrpcStatus(GrpcProtocol.FromHttpStatus((int)response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}."));
        }

        if (grpcStatus is not null)
        {
            // Trailers-only response: the status arrived in the headers and there is no body.
            _trailers = headers;
            var status = StatusFrom(response.Headers);
            Complete(status);
            return headers;
        }

        var contentType = response.Content.Headers.ContentType?.ToString();
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw Fail(new GrpcStatus(GrpcStatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}."));
        }

        _responseEncoding = HeaderValue(response.Headers, GrpcProtocol.EncodingHeader);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
            _reader = new StreamFrameReader(stream, _channel.Options.MaxReceiveMessageSize);
        }
        catch (Exception ex)
        {
            throw Fail(MapException(ex));
        }

        return headers;
    }

    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (_status is { } done)
        {
            return done.Code == GrpcStatusCode.OK ? false : throw Exception(done);
        }

        await ResponseHeadersAsync.ConfigureAwait(false);
        if (_status is { } afterHeaders)
        {
            return afterHeaders.Code == GrpcStatusCode.OK ? false : throw Exception(afterHeaders);
        }

        using var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((ClientCall<TRequest, TResponse>)s!).CancelLocally(), this)
            : default;
        try
        {
            // Buffered frames could otherwise keep a cancelled call delivering messages.
            _cts.Token.ThrowIfCancellationRequested();
            cancellationToken.ThrowIfCancellationRequested();
            var (found, compressed, payload) = await _reader!.ReadAsync(_cts.Token).ConfigureAwait(false);
            if (!found)
            {
                var status = ReadTrailers();
                Complete(status);
                return status.Code == GrpcStatusCode.OK ? false : throw Exception(status);
            }

            Current = Decode(compressed, payload);
            return true;
        }
        catch (Exception ex) when (_status is null)
        {
            throw Fail(MapException(ex));
        }
    }

    private TResponse Decode(bool compressed, ReadOnlyMemory<byte> payload)
    {
        var data = new ReadOnlySequence<byte>(payload);
        if (compressed)
        {
            if (_responseEncoding is null or "" or "identity")
            {
                throw new GrpcException(GrpcStatusCode.Internal, "Malformed message: the compressed flag is set but the response has no grpc-encoding.");
            }

            data = new ReadOnlySequence<byte>(GrpcProtocol.Decompress(data, _responseEncoding, _channel.Options.MaxReceiveMessageSize));
        }

        try
        {
            return _method.ResponseMarshaller.Read(data);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new GrpcException(new GrpcStatus(GrpcStatusCode.Internal, $"Failed to deserialize response message: {ex.Message}"), null, ex);
        }
    }

    private GrpcStatus ReadTrailers()
    {
        var trailing = _response!.TrailingHeaders;
        _trailers = ToMetadata(trailing, null);
        if (HeaderValue(trailing, GrpcProtocol.StatusHeader) is null)
        {
            return new GrpcStatus(GrpcStatusCode.Internal, "The response ended without a grpc-status trailer.");
        }

        return StatusFrom(trailing);
    }

    private static GrpcStatus StatusFrom(HttpHeaders headers)
    {
        var raw = HeaderValue(headers, GrpcProtocol.StatusHeader);
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return new GrpcStatus(GrpcStatusCode.Unknown, $"Invalid grpc-status value '{raw}'.");
        }

        var message = GrpcProtocol.DecodeMessage(HeaderValue(headers, GrpcProtocol.MessageHeader));
        Rpc.Status? rich = null;
        if (HeaderValue(headers, GrpcProtocol.StatusDetailsHeader) is { } details)
        {
            try
            {
                rich = Rpc.Status.Parser.ParseFrom(GrpcProtocol.DecodeBinaryHeader(details));
            }
            catch (Exception ex) when (ex is FormatException or InvalidProtocolBufferException)
            {
                // A malformed details trailer must not hide the status itself.
                Debug.WriteLine($"Ignoring malformed grpc-status-details-bin: {ex.Message}");
            }
        }

        return new GrpcStatus((GrpcStatusCode)code, message, rich);
    }

    private static string? HeaderValue(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private static GrpcMetadata ToMetadata(HttpHeaders headers, HttpHeaders? more)
    {
        var metadata = new GrpcMetadata();
        Add(headers);
        if (more is not null)
        {
            Add(more);
        }

        return metadata;

        void Add(HttpHeaders source)
        {
            foreach (var header in source.NonValidated)
            {
                foreach (var value in header.Value)
                {
                    if (header.Key.EndsWith("-bin", StringComparison.OrdinalIgnoreCase))
                    {
                        try
                        {
                            foreach (var bytes in GrpcProtocol.DecodeBinaryHeaderValues(value))
                            {
                                metadata.AddReceived(header.Key, null, bytes);
                            }
                        }
                        catch (FormatException)
                        {
                            // Keep the call usable; the entry is dropped rather than failing the call.
                        }
                    }
                    else
                    {
                        metadata.AddReceived(header.Key, value, null);
                    }
                }
            }
        }
    }

    public GrpcStatus GetStatus() => _status ?? throw new InvalidOperationException("The call is still in progress; its status is known once the response stream has been read to the end.");

    public GrpcMetadata GetTrailers() => _trailers ?? (_status is not null ? GrpcMetadata.Empty : throw new InvalidOperationException("The call is still in progress; trailers arrive when the response stream ends."));

    internal bool IsComplete => _status is not null;

    internal CancellationToken CallToken => _cts.Token;

    internal GrpcException Fail(GrpcStatus status)
    {
        if (_status is null)
        {
            Complete(status);
        }

        return Exception(_status!);
    }

    internal GrpcException Exception(GrpcStatus status) => new(status, _trailers, null);

    public GrpcException FailFrom(Exception exception) => Fail(MapException(exception));

    public Exception? EndedError() => _status switch
    {
        null => null,
        { Code: GrpcStatusCode.OK } => new InvalidOperationException("The call has completed; no more requests can be written."),
        var status => Exception(status),
    };

    private void Complete(GrpcStatus status)
    {
        if (_status is not null)
        {
            return;
        }

        _status = status;
        if (status.Code != GrpcStatusCode.OK)
        {
            _push?.Fail(new GrpcException(status, _trailers, null));
            CancelLocally();
            // Disposing an unfinished response resets the HTTP/2 stream (RST_STREAM CANCEL), which is how the
            // server learns that the call is over; cancelling the token alone does not reach a stream whose
            // headers have already arrived.
            _response?.Dispose();
        }
        else
        {
            // The server finished: there is no one left to read further requests.
            _push?.Fail(new InvalidOperationException("The call has completed; no more requests can be written."));
        }
    }

    private void CancelLocally()
    {
        _localCancel = true;
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    internal GrpcStatus MapException(Exception ex)
    {
        switch (ex)
        {
            case GrpcException grpc:
                return grpc.Status;
            case OperationCanceledException:
                return CancellationStatus();
        }

        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                var code = GrpcProtocol.FromHttp2ErrorCode(protocol.ErrorCode);
                if (code == GrpcStatusCode.Cancelled && _cts.IsCancellationRequested)
                {
                    return CancellationStatus();
                }

                return new GrpcStatus(code, $"The HTTP/2 stream was reset by the server (error code 0x{protocol.ErrorCode:x}): {protocol.Message}");
            }

            if (inner is AuthenticationException auth)
            {
                return new GrpcStatus(GrpcStatusCode.Unavailable, $"TLS handshake with {_channel.Address.Authority} failed: {auth.Message}");
            }
        }

        if (_cts.IsCancellationRequested)
        {
            return CancellationStatus();
        }

        return ex switch
        {
            HttpRequestException http => new GrpcStatus(GrpcStatusCode.Unavailable, $"Error connecting to {_channel.Address.Authority}: {Innermost(http).Message}{TlsHint()}"),
            IOException io => new GrpcStatus(GrpcStatusCode.Unavailable, $"Error reading from {_channel.Address.Authority}: {Innermost(io).Message}"),
            _ => new GrpcStatus(GrpcStatusCode.Internal, $"{ex.GetType().Name}: {ex.Message}"),
        };
    }

    /// <summary>
    /// The innermost cause, skipping <see cref="ObjectDisposedException"/>: when a server closes a TLS connection right
    /// after the handshake, SocketsHttpHandler's innermost exception is a disposed SslStream, which names no cause.
    /// </summary>
    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is { } inner && inner is not ObjectDisposedException)
        {
            ex = inner;
        }

        return ex;
    }

    /// <summary>
    /// Under TLS 1.3 a server that rejects the client certificate (or gets none) does so after the client considers
    /// the handshake done, so the client sees only a closed connection. Say so, since nothing else in the error will.
    /// </summary>
    private string TlsHint() => _channel.Address.Scheme == Uri.UriSchemeHttps
        ? " If the server requires mutual TLS, check that the channel's ClientCertificate is set and issued by a CA the server trusts."
        : string.Empty;

    private GrpcStatus CancellationStatus()
    {
        if (_userToken.IsCancellationRequested || _localCancel || _timeout is null)
        {
            return new GrpcStatus(GrpcStatusCode.Cancelled, "Call canceled by the client.");
        }

        return new GrpcStatus(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_status is null)
        {
            // Abandoning a call in progress resets its HTTP/2 stream, which the server sees as a cancellation.
            Complete(new GrpcStatus(GrpcStatusCode.Cancelled, "Call canceled by the client."));
        }

        _reader?.Dispose();
        _response?.Dispose();
        _request.Dispose();
        _cts.Dispose();
    }
}
