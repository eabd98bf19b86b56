namespace FabricEvidence.Protocol;

/// <summary>Options for one call. All are optional.</summary>
public sealed class GrpcCallOptions
{
    /// <summary>
    /// How long the call may take, measured from when it starts. Sent to the server as <c>grpc-timeout</c> and
    /// enforced locally; on expiry the call fails with <see cref="GrpcStatusCode.DeadlineExceeded"/>.
    /// Defaults to <see langword="null"/>: no deadline. When both this and <see cref="Deadline"/> are set, the earlier wins.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>An absolute deadline (UTC). Defaults to <see langword="null"/>: no deadline.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Request metadata sent as headers. Defaults to <see langword="null"/>: none.</summary>
    public GrpcMetadata? Headers { get; init; }

    internal TimeSpan? EffectiveTimeout(DateTimeOffset now)
    {
        TimeSpan? result = Timeout;
        if (Deadline is { } deadline)
        {
            var remaining = deadline - now;
            if (result is null || remaining < result)
            {
                result = remaining;
            }
        }

        return result is { } r && r < TimeSpan.Zero ? TimeSpan.Zero : result;
    }
}
