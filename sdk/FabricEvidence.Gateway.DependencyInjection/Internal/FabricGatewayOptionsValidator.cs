using Microsoft.Extensions.Options;

namespace FabricEvidence.Gateway.DependencyInjection.Internal;

/// <summary>Checks the configuration before any file is read or connection made, listing every problem at once.</summary>
internal sealed class FabricGatewayOptionsValidator : IValidateOptions<FabricGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, FabricGatewayOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            failures.Add("FabricGateway:Endpoint is required (https://host:port, http://host:port or host:port).");
        }
        else if (options.Endpoint.Contains("://", StringComparison.Ordinal)
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"FabricGateway:Endpoint '{options.Endpoint}' must be an http:// or https:// address.");
        }

        if (string.IsNullOrWhiteSpace(options.MspId))
        {
            failures.Add("FabricGateway:MspId is required (for example Org1MSP).");
        }

        if (options.MspDirectory is null && options.CertificatePath is null)
        {
            failures.Add("FabricGateway needs an identity: set MspDirectory, or CertificatePath (and PrivateKeyPath to sign in process).");
        }

        if (options.MspDirectory is not null && (options.CertificatePath is not null || options.PrivateKeyPath is not null))
        {
            failures.Add("FabricGateway: set either MspDirectory or CertificatePath/PrivateKeyPath, not both.");
        }

        if (options.MspDirectory is { } msp && !Directory.Exists(msp))
        {
            failures.Add($"FabricGateway:MspDirectory '{msp}' does not exist.");
        }

        CheckFile(options.CertificatePath, "CertificatePath");
        CheckFile(options.PrivateKeyPath, "PrivateKeyPath");
        CheckFile(options.TlsRootCertificatePath, "TlsRootCertificatePath");
        CheckFile(options.TlsClientCertificatePath, "TlsClientCertificatePath");
        CheckFile(options.TlsClientKeyPath, "TlsClientKeyPath");
        if ((options.TlsClientCertificatePath is null) != (options.TlsClientKeyPath is null))
        {
            failures.Add("FabricGateway: TlsClientCertificatePath and TlsClientKeyPath go together (mutual TLS).");
        }

        if (options.Hash is { Length: > 0 } hash)
        {
            try
            {
                Hash.FromName(hash);
            }
            catch (ArgumentException ex)
            {
                failures.Add("FabricGateway:Hash: " + ex.Message);
            }
        }

        CheckTimeout(options.EvaluateTimeout, nameof(options.EvaluateTimeout));
        CheckTimeout(options.EndorseTimeout, nameof(options.EndorseTimeout));
        CheckTimeout(options.SubmitTimeout, nameof(options.SubmitTimeout));
        CheckTimeout(options.CommitStatusTimeout, nameof(options.CommitStatusTimeout));
        CheckTimeout(options.ChaincodeEventsTimeout, nameof(options.ChaincodeEventsTimeout));
        CheckTimeout(options.BlockEventsTimeout, nameof(options.BlockEventsTimeout));
        CheckTimeout(options.FilteredBlockEventsTimeout, nameof(options.FilteredBlockEventsTimeout));
        CheckTimeout(options.BlockAndPrivateDataEventsTimeout, nameof(options.BlockAndPrivateDataEventsTimeout));
        if (options.Resilience is null)
        {
            failures.Add("FabricGateway:Resilience must not be null.");
        }
        else if (options.Resilience.EvaluateMaxRetries < 0 || options.Resilience.SubmitMaxRetries < 0
            || options.Resilience.CommitStatusMaxRetries < 0 || options.Resilience.EventReconnectMaxAttempts < 0)
        {
            failures.Add("FabricGateway:Resilience retry counts must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckFile(string? path, string property)
        {
            if (path is not null && !File.Exists(path))
            {
                failures.Add($"FabricGateway:{property} '{path}' does not exist.");
            }
        }

        void CheckTimeout(TimeSpan? timeout, string property)
        {
            if (timeout is { } t && t <= TimeSpan.Zero && t != Timeout.InfiniteTimeSpan)
            {
                failures.Add($"FabricGateway:{property} must be positive or empty (no timeout); got {t}.");
            }
        }
    }
}
