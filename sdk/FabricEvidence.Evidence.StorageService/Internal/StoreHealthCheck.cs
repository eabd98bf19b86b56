using FabricEvidence.Evidence.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>Healthy when the store answers a lookup (the folder is readable, the bucket reachable with the credentials).</summary>
internal sealed class StoreHealthCheck(IEvidenceObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.HeadAsync("health-probe", cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (ObjectStoreException ex)
        {
            return HealthCheckResult.Unhealthy("The object store does not answer: " + ex.Message);
        }
    }
}
