using FabricEvidence.Protocol;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Gateway;

/// <summary>
/// How <see cref="Gateway.Connect"/> connects: the gRPC connection, the identity and signer, the hash, default
/// timeouts for each kind of call, resilience and logging. Each property states its default.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>
    /// The gRPC connection to a peer's Gateway service (and its Deliver service, for block events). Required. The
    /// gateway shares it and does NOT dispose it: close it yourself after disposing the gateway. Defaults to
    /// <see langword="null"/>.
    /// </summary>
    public GrpcChannel? Connection { get; set; }

    /// <summary>The client identity. Required. Defaults to <see langword="null"/>.</summary>
    public IIdentity? Identity { get; set; }

    /// <summary>
    /// Signs requests as the identity. Defaults to <see langword="null"/>: the gateway only supports offline signing
    /// (get each step's digest, sign it elsewhere, and use <c>IGateway.NewSigned…</c>); any attempt to sign in
    /// process fails with <see cref="InvalidOperationException"/>.
    /// </summary>
    public ISigner? Signer { get; set; }

    /// <summary>
    /// The hash applied to each message before signing. Defaults to <see cref="Hash.Sha256"/>, what Fabric MSPs
    /// verify with. Ed25519 signers need <see cref="Hash.None"/>.
    /// </summary>
    public Hash Hash { get; set; } = Hash.Sha256;

    /// <summary>
    /// The SHA-256 hash of the TLS client certificate when the connection uses mutual TLS
    /// (<see cref="Identities.ComputeTlsCertificateHash"/>); it is placed in the channel header of block-event
    /// requests, where peers bind it to the TLS session. Defaults to empty: not sent.
    /// </summary>
    public ReadOnlyMemory<byte> TlsClientCertificateHash { get; set; }

    /// <summary>Default timeout of each evaluate call. Defaults to 5 seconds. <see langword="null"/>: no timeout.</summary>
    public TimeSpan? EvaluateTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Default timeout of each endorse call. Defaults to 15 seconds. <see langword="null"/>: no timeout.</summary>
    public TimeSpan? EndorseTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Default timeout of each submit call. Defaults to 5 seconds. <see langword="null"/>: no timeout.</summary>
    public TimeSpan? SubmitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Default timeout of each commit-status call, which waits until the transaction is committed. Defaults to 1 minute.
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
