namespace FabricEvidence.Gateway;

/// <summary>
/// Retries the gateway makes where repeating a call cannot change the outcome: evaluations (read-only), re-sending
/// the same signed transaction (the orderer and committer deduplicate by transaction ID), waiting for commit status,
/// and reconnecting event streams from the last event delivered (no gap, no duplicate). Endorsement is never retried.
/// Delays grow exponentially from <see cref="InitialDelay"/> up to <see cref="MaxDelay"/>. Set a count to 0 to turn
/// that retry off, or use <see cref="Disabled"/>. Each property states its default.
/// </summary>
public sealed class ResilienceOptions
{
    /// <summary>Retries of an evaluate call that failed with <c>Unavailable</c>. Defaults to 2.</summary>
    public int EvaluateMaxRetries { get; set; } = 2;

    /// <summary>Re-sends of the same signed transaction after a submit failed with <c>Unavailable</c>. Defaults to 2.</summary>
    public int SubmitMaxRetries { get; set; } = 2;

    /// <summary>
    /// Retries of a commit-status call that failed with <c>Unavailable</c> or <c>DeadlineExceeded</c>, all within
    /// <see cref="GatewayOptions.CommitStatusTimeout"/>. Defaults to 3.
    /// </summary>
    public int CommitStatusMaxRetries { get; set; } = 3;

    /// <summary>
    /// Consecutive reconnections of an event stream that failed with <c>Unavailable</c>, each resuming after the last
    /// event delivered (no gap, no duplicate), with back-off between attempts. The count starts again once events
    /// flow. Needs a signer (a resumed request is signed anew), so offline-signed streams never reconnect.
    /// Defaults to -1: a long-lived listener keeps reconnecting until it is cancelled, logging each reconnection and
    /// counting it in the <c>fabric.gateway.event_stream.reconnections</c> metric. 0 turns reconnection off.
    /// </summary>
    public int EventReconnectMaxAttempts { get; set; } = -1;

    /// <summary>The delay before the first retry. Defaults to 200 milliseconds.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between retries. Defaults to 10 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether delays are randomised so that many clients do not retry in step. Defaults to <see langword="true"/>.</summary>
    public bool UseJitter { get; set; } = true;

    /// <summary>Options with every retry turned off.</summary>
    public static ResilienceOptions Disabled => new()
    {
        EvaluateMaxRetries = 0,
        SubmitMaxRetries = 0,
        CommitStatusMaxRetries = 0,
        EventReconnectMaxAttempts = 0,
    };

    internal void Validate()
    {
        if (EvaluateMaxRetries < 0 || SubmitMaxRetries < 0 || CommitStatusMaxRetries < 0 || EventReconnectMaxAttempts < -1)
        {
            throw new ArgumentException("Resilience retry counts must not be negative (0 turns a retry off; EventReconnectMaxAttempts = -1 means without limit).", "options");
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentException($"Resilience delays must satisfy 0 <= InitialDelay ({InitialDelay}) <= MaxDelay ({MaxDelay}).", "options");
        }
    }
}
