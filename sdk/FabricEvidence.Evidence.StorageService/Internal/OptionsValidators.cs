using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FabricEvidence.Evidence.StorageService.Authentication;
using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>Checks the settings at start-up, so that a wrong one stops the service with a message saying what to fix.</summary>
internal sealed class StorageServiceOptionsValidator : IValidateOptions<StorageServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageServiceOptions options)
    {
        var failures = new List<string>();
        switch (options.Store)
        {
            case "FileSystem":
                if (string.IsNullOrWhiteSpace(options.FileSystem.RootPath))
                {
                    failures.Add("StorageService:FileSystem:RootPath is required: the folder that holds the objects.");
                }

                break;
            case "S3":
                if (string.IsNullOrWhiteSpace(options.S3.BucketName))
                {
                    failures.Add("StorageService:S3:BucketName is required with StorageService:Store = S3.");
                }

                break;
            default:
                failures.Add($"StorageService:Store is '{options.Store}'; use FileSystem or S3.");
                break;
        }

        if (options.UploadLockTimeout <= TimeSpan.Zero)
        {
            failures.Add("StorageService:UploadLockTimeout must be positive.");
        }

        if (options.AccessRecordMaxAge <= TimeSpan.Zero)
        {
            failures.Add("StorageService:AccessRecordMaxAge must be positive.");
        }

        if (options.Integrity.Enabled && options.Integrity.Interval <= TimeSpan.Zero)
        {
            failures.Add("StorageService:Integrity:Interval must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Checks that every organisation names readable CA certificates.</summary>
internal sealed class FabricTrustOptionsValidator : IValidateOptions<FabricTrustOptions>
{
    public ValidateOptionsResult Validate(string? name, FabricTrustOptions options)
    {
        var failures = new List<string>();
        if (options.Organisations.Count == 0)
        {
            failures.Add("StorageService:Authentication:Organisations is empty: name at least one MSP id with its CaCertificates (PEM files), or nobody can authenticate.");
        }

        foreach (var (mspId, trust) in options.Organisations)
        {
            if (trust.CaCertificates.Count == 0)
            {
                failures.Add($"StorageService:Authentication:Organisations:{mspId}:CaCertificates is empty; list the organisation's CA certificate files (msp/cacerts).");
            }

            foreach (var file in trust.CaCertificates.Concat(trust.IntermediateCertificates))
            {
                try
                {
                    var certificates = new X509Certificate2Collection();
                    certificates.ImportFromPemFile(file);
                    if (certificates.Count == 0)
                    {
                        failures.Add($"The CA certificate file '{file}' of {mspId} holds no PEM certificate.");
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
                {
                    failures.Add($"The CA certificate file '{file}' of {mspId} cannot be read: {ex.Message}");
                }
            }
        }

        if (options.SignatureClockSkew <= TimeSpan.Zero || options.SignatureClockSkew > TimeSpan.FromHours(1))
        {
            failures.Add("StorageService:Authentication:SignatureClockSkew must be between 0 and 1 hour.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
