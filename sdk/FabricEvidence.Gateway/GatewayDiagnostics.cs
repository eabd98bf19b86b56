namespace FabricEvidence.Gateway;

/// <summary>
/// Names for observing the gateway. Each step (evaluate, endorse, submit, commit status, event streams) is an
/// <see cref="System.Diagnostics.Activity"/> from the source <see cref="ActivitySourceName"/>, tagged with
/// <c>fabric.channel</c>, <c>fabric.chaincode</c>, <c>fabric.transaction.name</c> and <c>fabric.transaction.id</c>
/// where they apply. Transaction arguments and transient data are never recorded.
/// </summary>
public static class GatewayDiagnostics
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>FabricEvidence.Gateway</c>. Add it to your tracer.</summary>
    public const string ActivitySourceName = "FabricEvidence.Gateway";

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>FabricEvidence.Gateway</c>. Its counters are
    /// <c>fabric.gateway.retries</c> (unary retries) and <c>fabric.gateway.event_stream.reconnections</c>.
    /// </summary>
    public const string MeterName = "FabricEvidence.Gateway";

    /// <summary>The logger category: <c>FabricEvidence.Gateway</c>.</summary>
    public const string LoggerCategory = "FabricEvidence.Gateway";
}
