using FabricEvidence.Gateway.Internal;

namespace FabricEvidence.Gateway;

/// <summary>Connects to a Fabric Gateway.</summary>
/// <example>
/// <code>
/// using var channel = GrpcChannel.ForAddress("https://peer0.org1.example.com:7051", new GrpcChannelOptions { HttpHandler = handler });
/// var credentials = Identities.LoadMspDirectory("Org1MSP", "/path/to/msp");
/// await using var gateway = FabricGateway.Connect(new GatewayOptions { Channel = channel, Identity = credentials.Identity, Signer = credentials.Signer });
/// var contract = gateway.GetNetwork("mychannel").GetContract("basic");
/// var result = await contract.SubmitTransactionAsync("CreateAsset", ["asset1", "blue"]);
/// </code>
/// </example>
public static class FabricGateway
{
    /// <summary>Creates a gateway. No network call is made until the first request.</summary>
    /// <exception cref="ArgumentException">
    /// A required option is missing, a timeout is not positive, or the hash cannot work with the signer's key
    /// (Ed25519 needs <see cref="Hash.None"/>; ECDSA needs a real hash).
    /// </exception>
    public static IGateway Connect(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Channel is null && options.CallInvoker is null)
        {
            throw new ArgumentException("GatewayOptions.Channel (a Grpc.Net.Client.GrpcChannel to the peer's Gateway service) or GatewayOptions.CallInvoker is required.", nameof(options));
        }

        if (options.Identity is null)
        {
            throw new ArgumentException("GatewayOptions.Identity is required: the client identity (for example an X509Identity).", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.Identity.MspId))
        {
            throw new ArgumentException("GatewayOptions.Identity has no MSP ID.", nameof(options));
        }

        if (options.Identity.Credentials.IsEmpty)
        {
            throw new ArgumentException("GatewayOptions.Identity has no credentials.", nameof(options));
        }

        ValidateTimeouts(options);
        (options.Resilience ?? throw new ArgumentException("GatewayOptions.Resilience must not be null; use ResilienceOptions.Disabled to turn retries off.", nameof(options))).Validate();

        var hash = options.Hash ?? (options.Signer is IKeySigner { SignsWholeMessage: true } ? Hash.None : Hash.Sha256);
        if (options.Signer is IKeySigner keySigner)
        {
            if (keySigner.SignsWholeMessage && !hash.IsNone)
            {
                throw new ArgumentException(
                    $"The {keySigner.Algorithm} signer signs whole messages, but the gateway's hash is {hash.Name}; peers would reject every signature. Set GatewayOptions.Hash = Hash.None.",
                    nameof(options));
            }

            if (!keySigner.SignsWholeMessage && hash.IsNone)
            {
                throw new ArgumentException(
                    $"The {keySigner.Algorithm} signer signs digests, but the gateway's hash is NONE; peers verify ECDSA signatures over a SHA-256 (or SHA-3) digest. Use Hash.Sha256.",
                    nameof(options));
            }
        }

        return new GatewayImpl(options, hash);
    }

    private static void ValidateTimeouts(GatewayOptions options)
    {
        Check(options.EvaluateTimeout, nameof(options.EvaluateTimeout));
        Check(options.EndorseTimeout, nameof(options.EndorseTimeout));
        Check(options.SubmitTimeout, nameof(options.SubmitTimeout));
        Check(options.CommitStatusTimeout, nameof(options.CommitStatusTimeout));
        Check(options.ChaincodeEventsTimeout, nameof(options.ChaincodeEventsTimeout));
        Check(options.BlockEventsTimeout, nameof(options.BlockEventsTimeout));
        Check(options.FilteredBlockEventsTimeout, nameof(options.FilteredBlockEventsTimeout));
        Check(options.BlockAndPrivateDataEventsTimeout, nameof(options.BlockAndPrivateDataEventsTimeout));

        void Check(TimeSpan? timeout, string name)
        {
            if (timeout is { } t && t <= TimeSpan.Zero && t != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentException($"GatewayOptions.{name} must be positive, or null for no timeout; got {t}.", nameof(options));
            }
        }
    }
}
