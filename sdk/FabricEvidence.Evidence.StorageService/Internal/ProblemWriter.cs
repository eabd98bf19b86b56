using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>Writes refusals as <c>application/problem+json</c>, counts them and logs them (codes and ids; never content).</summary>
internal sealed class ProblemWriter(IProblemDetailsService problems, StorageTelemetry telemetry, ILogger<ProblemWriter> logger)
{
    public IResult ToResult(HttpContext context, Refusal refusal) => new RefusalResult(this, refusal);

    public async Task WriteAsync(HttpContext context, Refusal refusal)
    {
        telemetry.Refused(refusal.Code);
        Log.Refused(logger, context.Request.Method, context.Request.Path, refusal.Status, refusal.Code, refusal.Detail);
        context.Response.StatusCode = refusal.Status;
        if (refusal.UploadOffset is { } offset)
        {
            context.Response.Headers[StorageHeaders.UploadOffset] = offset.ToString(CultureInfo.InvariantCulture);
        }

        var details = new ProblemDetails
        {
            Status = refusal.Status,
            Type = Refusal.TypeBase + refusal.Code,
            Title = refusal.Title,
            Detail = refusal.Detail,
            Instance = context.Request.Path,
        };
        details.Extensions["code"] = refusal.Code;
        foreach (var (name, value) in refusal.Extensions)
        {
            details.Extensions[name] = value;
        }

        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }).ConfigureAwait(false);
    }

    private sealed class RefusalResult(ProblemWriter writer, Refusal refusal) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => writer.WriteAsync(httpContext, refusal);
    }
}
