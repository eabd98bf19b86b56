using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Evidence.StorageService.Authentication;
using FabricEvidence.Gateway.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>
/// The ledger over Fabric, configured from one section: the Gateway connection (<c>Endpoint</c>,
/// <c>TlsRootCertificatePath</c>, <c>MspId</c>, <c>MspDirectory</c>, ... as <see cref="FabricGatewayConnectionOptions"/>
/// and <c>GatewayOptions</c> read them) and the contract (<c>ChannelName</c>, <c>ChaincodeName</c> as
/// <see cref="EvidenceClientOptions"/> reads them). Everything is validated at start-up.
/// </summary>
internal static class FabricLedgerRegistration
{
    public const string Section = "StorageService:Fabric";

    public static IServiceCollection AddFabricLedger(this IServiceCollection services, IConfigurationSection section)
    {
        services.AddFabricGateway(section);
        services.AddSingleton<IValidateOptions<FabricGatewayConnectionOptions>, StorageIdentityValidator>();
        services.AddOptions<FabricGatewayConnectionOptions>().ValidateOnStart();
        services.AddOptions<EvidenceClientOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EvidenceClientOptions>, ContractOptionsValidator>();
        services.AddEvidenceClient();
        services.TryAddSingleton<IEvidenceLedger, FabricEvidenceLedger>();
        return services;
    }

    private sealed class ContractOptionsValidator : IValidateOptions<EvidenceClientOptions>
    {
        public ValidateOptionsResult Validate(string? name, EvidenceClientOptions options)
        {
            var failures = new List<string>();
            if (string.IsNullOrWhiteSpace(options.ChannelName))
            {
                failures.Add($"{Section}:ChannelName is empty; name the channel the evidence contract runs on (default evidence).");
            }

            if (string.IsNullOrWhiteSpace(options.ChaincodeName))
            {
                failures.Add($"{Section}:ChaincodeName is empty; name the evidence contract's chaincode (default evidence).");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    /// <summary>
    /// The service confirms storage and records integrity checks, which the contract allows the role <c>storage</c>
    /// only: an identity without it would start, then fail every upload at the last step. Missing files are left to the
    /// Gateway's own validator, which names them.
    /// </summary>
    private sealed class StorageIdentityValidator : IValidateOptions<FabricGatewayConnectionOptions>
    {
        public ValidateOptionsResult Validate(string? name, FabricGatewayConnectionOptions options)
        {
            var path = options.CertificatePath;
            if (path is null && options.MspDirectory is { } msp && Directory.Exists(Path.Combine(msp, "signcerts")))
            {
                path = Directory.EnumerateFiles(Path.Combine(msp, "signcerts")).Order(StringComparer.Ordinal).FirstOrDefault();
                if (path is null)
                {
                    return ValidateOptionsResult.Fail($"{Section}:MspDirectory '{msp}' has no certificate in signcerts/.");
                }
            }

            if (path is null || !File.Exists(path))
            {
                return ValidateOptionsResult.Skip;
            }

            try
            {
                using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
                var role = FabricCertificateValidator.ReadRole(certificate);
                return role == "storage"
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail(
                        $"{Section}: the identity in '{path}' has the role '{role ?? "(none)"}', not 'storage'; the evidence contract lets only the storage role " +
                        "confirm storage and record integrity checks. Use the storage receiver's MSP folder (network.sh issues it as Storage@<org domain>).");
            }
            catch (CryptographicException ex)
            {
                return ValidateOptionsResult.Fail($"{Section}: the certificate '{path}' cannot be read: {ex.Message}");
            }
        }
    }
}
