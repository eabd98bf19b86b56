using System.Globalization;
using FabricEvidence.Protocol.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Protocol.Server.Internal;

/// <summary>
/// The request delegate that turns HTTP/2 requests into gRPC calls. Everything a client can get wrong — protocol,
/// verb, content type, path, encoding, framing — ends in a gRPC status; nothing a client sends can crash the server.
/// </summary>
internal sealed partial class GrpcDispatcher
{
    private readonly GrpcServiceRegistry _registry;
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;

    public GrpcDispatcher(GrpcServiceRegistry registry, GrpcServerOptions options, ILogger logger)
    {
        _registry = registry;
        _options = options;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var request = http.Request;
        var response = http.Response;

        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            Reject(response, StatusCodes.Status426UpgradeRequired, GrpcStatusCode.Internal, $"gRPC requires HTTP/2; the request used {request.Protocol}.");
            response.Headers.Connection = "Upgrade";
            response.Headers.Upgrade = "HTTP/2";
            return;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            Reject(response, StatusCodes.Status405MethodNotAllowed, GrpcStatusCode.Internal, $"gRPC requires POST; the request used {request.Method}.");
            return;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            Reject(response, StatusCodes.Status415UnsupportedMediaType, GrpcStatusCode.Internal, $"Content-Type '{request.ContentType}' is not supported; gRPC requires application/grpc.");
            return;
        }

        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;

        var path = request.Path.Value ?? string.Empty;
        if (!_registry.TryGet(path, out var method))
        {
            var what = _registry.HasService(path) ? "Method" : "Service";
            TrailersOnly(response, GrpcStatusCode.Unimplemented, $"{what} is unimplemented: {path}");
            return;
        }

        string? encoding = request.Headers[GrpcProtocol.EncodingHeader];
        if (!GrpcProtocol.IsSupportedEncoding(encoding))
        {
            TrailersOnly(response, GrpcStatusCode.Unimplemented, $"Request compressed with '{encoding}', which is not supported. Supported encodings: {GrpcProtocol.SupportedEncodings}.");
            return;
        }

        TimeSpan? timeout = null;
        string? timeoutHeader = request.Headers[GrpcProtocol.TimeoutHeader];
        if (timeoutHeader is not null)
        {
            if (!GrpcProtocol.TryParseTimeout(timeoutHeader, out var parsed))
            {
                TrailersOnly(response, GrpcStatusCode.InvalidArgument, $"Invalid grpc-timeout value '{timeoutHeader}'.");
                return;
            }

            timeout = parsed;
        }

        // Streams may last for hours and carry 100 MiB messages: per-message limits replace Kestrel's body limits.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = null;
        }

        if (http.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rateFeature)
        {
            rateFeature.MinDataRate = null;
        }

        using var call = new ServerCall(http, path, _options, timeout);
        GrpcStatus status;
        GrpcMetadata? trailers = null;
        try
        {
            await method.InvokeAsync(call, encoding).ConfigureAwait(false);
            status = call.DeadlineExceeded && call.Status.Code == GrpcStatusCode.OK && !response.HasStarted
                ? new GrpcStatus(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded")
                : call.Status;
        }
        catch (Exception ex) when (call.ClientAborted)
        {
            // The client is gone (cancelled or disconnected); there is nobody to send a status to.
            LogClientCancelled(_logger, ex, path);
            return;
        }
        catch (GrpcException ex)
        {
            status = ex.Status;
            trailers = ex.Trailers;
            if (call.DeadlineExceeded && ex.InnerException is OperationCanceledException)
            {
                status = new GrpcStatus(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded");
            }
        }
        catch (OperationCanceledException) when (call.DeadlineExceeded)
        {
            status = new GrpcStatus(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        catch (Exception ex)
        {
            LogHandlerFailed(_logger, ex, path);
            status = new GrpcStatus(GrpcStatusCode.Unknown, _options.EnableDetailedErrors
                ? $"Exception was thrown by handler. {ex.GetType().Name}: {ex.Message}"
                : "Exception was thrown by handler.");
        }

        try
        {
            await call.CompleteAsync(status, trailers).ConfigureAwait(false);
        }
        catch (Exception ex) when (call.ClientAborted)
        {
            LogClientCancelled(_logger, ex, path);
        }
    }

    private static void Reject(HttpResponse response, int httpStatus, GrpcStatusCode code, string message)
    {
        response.StatusCode = httpStatus;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
    }

    private static void TrailersOnly(HttpResponse response, GrpcStatusCode code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers[GrpcProtocol.StatusHeader] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
    }

    [LoggerMessage(1, LogLevel.Debug, "Call {Method} was cancelled by the client or its connection dropped.")]
    private static partial void LogClientCancelled(ILogger logger, Exception exception, string method);

    [LoggerMessage(2, LogLevel.Error, "Handler of {Method} threw an exception.")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string method);
}
