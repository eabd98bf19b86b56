using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace FabricEvidence.Gateway.Internal;

internal enum CallKind
{
    Evaluate,
    Endorse,
    Submit,
    CommitStatus,
    ChaincodeEvents,
    BlockEvents,
    FilteredBlockEvents,
    BlockAndPrivateDataEvents,
}

/// <summary>What a call is about, for spans, logs and error messages. Never holds arguments or transient data.</summary>
internal readonly record struct OperationInfo(string Channel, string? Chaincode, string? TransactionName, string? TransactionId);

internal static class Telemetry
{
    public static readonly ActivitySource Source = new(GatewayDiagnostics.ActivitySourceName, typeof(Telemetry).Assembly.GetName().Version?.ToString(3));

    public static readonly Meter Meter = new(GatewayDiagnostics.MeterName, typeof(Telemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>Retries of unary steps (evaluate, submit, commit status).</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("fabric.gateway.retries", description: "Retries of evaluate, submit and commit-status calls after a retryable failure.");

    /// <summary>Reconnections of event streams.</summary>
    public static readonly Counter<long> Reconnections = Meter.CreateCounter<long>("fabric.gateway.event_stream.reconnections", description: "Event streams reconnected after a failure, resuming after the last event delivered.");

    public static string SpanName(CallKind kind) => kind switch
    {
        CallKind.Evaluate => "Gateway Evaluate",
        CallKind.Endorse => "Gateway Endorse",
        CallKind.Submit => "Gateway Submit",
        CallKind.CommitStatus => "Gateway CommitStatus",
        CallKind.ChaincodeEvents => "Gateway ChaincodeEvents",
        CallKind.BlockEvents => "Deliver Deliver",
        CallKind.FilteredBlockEvents => "Deliver DeliverFiltered",
        _ => "Deliver DeliverWithPrivateData",
    };

    public static string Describe(CallKind kind, in OperationInfo info)
    {
        var transaction = info.TransactionName is { Length: > 0 } name ? $"transaction '{name}'" : "transaction";
        var chaincode = info.Chaincode is { Length: > 0 } cc ? $" of chaincode '{cc}'" : string.Empty;
        var id = info.TransactionId is { Length: > 0 } txId ? $" (ID {txId})" : string.Empty;
        return kind switch
        {
            CallKind.Evaluate => $"Evaluating {transaction}{chaincode}{id} on channel '{info.Channel}'",
            CallKind.Endorse => $"Endorsing {transaction}{chaincode}{id} on channel '{info.Channel}'",
            CallKind.Submit => $"Submitting transaction {info.TransactionId} to the orderer on channel '{info.Channel}'",
            CallKind.CommitStatus => $"Getting the commit status of transaction {info.TransactionId} on channel '{info.Channel}'",
            CallKind.ChaincodeEvents => $"Reading events of chaincode '{info.Chaincode}' on channel '{info.Channel}'",
            CallKind.BlockEvents => $"Reading block events on channel '{info.Channel}'",
            CallKind.FilteredBlockEvents => $"Reading filtered block events on channel '{info.Channel}'",
            _ => $"Reading block and private data events on channel '{info.Channel}'",
        };
    }

    public static Activity? Start(CallKind kind, in OperationInfo info)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(SpanName(kind), ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("fabric.channel", info.Channel);
            if (info.Chaincode is not null)
            {
                activity.SetTag("fabric.chaincode", info.Chaincode);
            }

            if (info.TransactionName is not null)
            {
                activity.SetTag("fabric.transaction.name", info.TransactionName);
            }

            if (info.TransactionId is not null)
            {
                activity.SetTag("fabric.transaction.id", info.TransactionId);
            }
        }

        return activity;
    }

    public static void Failed(Activity? activity, StatusCode code, string message)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("rpc.grpc.status_code", (int)code);
        activity.SetStatus(ActivityStatusCode.Error, message);
    }
}
