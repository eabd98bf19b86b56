using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Gateway;

/// <summary>
/// How <see cref="FabricGateway.Connect"/> connects: the gRPC connection, the identity and signer, the hash, default
/// timeouts for each kind of call, resilience and logging. Each property states its default.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>
    /// The gRPC channel to a peer's Gateway service (and its Deliver service, for block events), configured as you
    /// need: TLS roots and client certificates, handlers, proxies, keep-alive, <c>AddGrpcClient</c>-managed handlers,
    /// OpenTelemetry's gRPC instrumentation. Set this or <see cref="CallInvoker"/>. The gateway shares the channel and
    /// does NOT dispose it: dispose it yourself after the gateway. Defaults to <see langword="null"/>.
    /// </summary>
    public GrpcChannel? Channel { get; set; }

    /// <summary>
    /// A call invoker to send every call through instead of <see cref="Channel"/>, for example
    /// <c>channel.Intercept(interceptor)</c> so that interceptors see the gateway's calls. Takes precedence over
    /// <see cref="Channel"/>. Defaults to <see langword="null"/>.
    /// </summary>
    public CallInvoker? CallInvoker { get; set; }

    /// <summary>The client identity. Required. Defaults to <see langword="null"/>.</summary>
    public IIdentity? Identity { get; set; }

    /// <summary>
    /// Signs requests as the identity. Defaults to <see langword="null"/>: the gateway only supports offline signing
    /// (get each step's digest, sign it elsewhere, and use <c>IGateway.NewSigned…</c>); any attempt to sign in
    /// process fails with <see cref="InvalidOperationException"/>.
    /// </summary>
    public ISigner? Signer { get; set; }

    /// <summary>
    /// The hash applied to each message before signing: <see cref="Hash.Sha256"/> is what Fabric MSPs verify ECDSA
    /// signatures with; Ed25519 signers sign whole messages (<see cref="Hash.None"/>). Defaults to
    /// <see langword="null"/>: chosen from the signer (<see cref="Hash.None"/> for an Ed25519 key from
    /// <see cref="Signers"/>, otherwise <see cref="Hash.Sha256"/>). In configuration, a name such as <c>SHA256</c>.
    /// </summary>
    public Hash? Hash { get; set; }

    /// <summary>
    /// The SHA-256 hash of the TLS client certificate when the connection uses mutual TLS
    /// (<see cref="Identities.ComputeTlsCertificateHash"/>); it is placed in the channel header of block-event
    /// requests, where peers bind it to the TLS session. Defaults to empty: not sent.
    /// </summary>
    public ReadOnlyMemory<byte> TlsClientCertificateHash { get; set; }

    // Each timeout below is the budget of a whole step: the retries of that step (ResilienceOptions) happen within it,
    // so a step never takes longer than its timeout. A deadline in a call's own CallOptions replaces it.

    /// <summary>Time budget of each evaluation, retries included. Defaults to 5 seconds. <see langword="null"/>: no timeout.</summary>
    public TimeSpan? EvaluateTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time budget of each endorsement (never retried). Defaults to 15 seconds. <see langword="null"/>: no timeout.</summary>
    public TimeSpan? EndorseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time budget of each submission, re-sends included. Defaults to 5 seconds. <see langword="null"/>: no timeout.</summary>
    public TimeSpan? SubmitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Time budget of waiting for a commit status, retries included: a transaction not committed by then ends in
    /// <see cref="CommitStatusException"/> (it may still commit later; ask again). Defaults to 1 minute.
    /// <see langword="null"/>: no timeout.
    /// </summary>
    public TimeSpan? CommitStatusTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Default timeout of a chaincode-events stream. Defaults to <see langword="null"/>: the stream stays open until cancelled.</summary>
    public TimeSpan? ChaincodeEventsTimeout { get; set; }

    /// <summary>Default timeout of a block-events stream. Defaults to <see langword="null"/>: the stream stays open until cancelled.</summary>
    public TimeSpan? BlockEventsTimeout { get; set; }

    /// <summary>Default timeout of a filtered-block-events stream. Defaults to <see langword="null"/>: the stream stays open until cancelled.</summary>
    public TimeSpan? FilteredBlockEventsTimeout { get; set; }

    /// <summary>Default timeout of a block-and-private-data-events stream. Defaults to <see langword="null"/>: the stream stays open until cancelled.</summary>
    public TimeSpan? BlockAndPrivateDataEventsTimeout { get; set; }

    /// <summary>Which failures are retried, and how. Defaults to a new <see cref="ResilienceOptions"/> (retries on).</summary>
    public ResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Where the gateway logs. Defaults to <see langword="null"/>: no logging. Logs never contain keys, signatures,
    /// transaction arguments or transient data.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
