using Microsoft.Extensions.Options;

namespace FabricEvidence.Gateway.DependencyInjection.Internal;

/// <summary>Checks a gateway's connection settings before any file is read or connection made, listing every problem at once.</summary>
internal sealed class ConnectionOptionsValidator : IValidateOptions<FabricGatewayConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, FabricGatewayConnectionOptions options)
    {
        var failures = new List<string>();
        var prefix = string.IsNullOrEmpty(name) ? "FabricGateway" : $"FabricGateway '{name}'";
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            failures.Add($"{prefix}: Endpoint is required (https://host:port, http://host:port or host:port).");
        }
        else if (options.Endpoint.Contains("://", StringComparison.Ordinal)
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{prefix}: Endpoint '{options.Endpoint}' must be an http:// or https:// address.");
        }

        if (string.IsNullOrWhiteSpace(options.MspId))
        {
            failures.Add($"{prefix}: MspId is required (for example Org1MSP).");
        }

        if (options.MspDirectory is null && options.CertificatePath is null)
        {
            failures.Add($"{prefix} needs an identity: set MspDirectory, or CertificatePath (and PrivateKeyPath to sign in process).");
        }

        if (options.MspDirectory is not null && (options.CertificatePath is not null || options.PrivateKeyPath is not null))
        {
            failures.Add($"{prefix}: set either MspDirectory or CertificatePath/PrivateKeyPath, not both.");
        }

        if (options.MspDirectory is { } msp && !Directory.Exists(msp))
        {
            failures.Add($"{prefix}: MspDirectory '{msp}' does not exist.");
        }

        CheckFile(options.CertificatePath, "CertificatePath");
        CheckFile(options.PrivateKeyPath, "PrivateKeyPath");
        CheckFile(options.TlsRootCertificatePath, "TlsRootCertificatePath");
        CheckFile(options.TlsClientCertificatePath, "TlsClientCertificatePath");
        CheckFile(options.TlsClientKeyPath, "TlsClientKeyPath");
        if ((options.TlsClientCertificatePath is null) != (options.TlsClientKeyPath is null))
        {
            failures.Add($"{prefix}: TlsClientCertificatePath and TlsClientKeyPath go together (mutual TLS).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckFile(string? path, string property)
        {
            if (path is not null && !File.Exists(path))
            {
                failures.Add($"{prefix}: {property} '{path}' does not exist.");
            }
        }
    }
}
