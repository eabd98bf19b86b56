using Microsoft.Extensions.Options;

namespace FabricEvidence.Evidence.StorageService.Internal;

/// <summary>Runs <see cref="IntegrityChecker"/> on the configured schedule.</summary>
internal sealed class IntegrityCheckService(IntegrityChecker checker, IOptions<StorageServiceOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.Integrity;
        try
        {
            await Task.Delay(schedule.FirstRunDelay, time, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(schedule.Interval, time);
            do
            {
                await checker.RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
