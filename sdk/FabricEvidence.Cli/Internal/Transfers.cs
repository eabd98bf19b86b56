using Spectre.Console;

namespace FabricEvidence.Cli.Internal;

/// <summary>Runs byte-counting steps under one progress display: bytes, rate and time left per step.</summary>
internal static class Transfers
{
    /// <summary>Runs <paramref name="work"/>; it reports through the reporters it is given. Without a display (JSON) they do nothing.</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, bool show, IReadOnlyList<(string Name, long Total)> steps, Func<IReadOnlyList<IProgress<long>>, Task<T>> work)
    {
        if (!show)
        {
            return await work([.. steps.Select(_ => (IProgress<long>)new Reporter(_ => { }))]).ConfigureAwait(false);
        }

        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = steps.Select(s => context.AddTask(s.Name, autoStart: false, maxValue: Math.Max(1, s.Total))).ToList();
                var reporters = tasks.Select((task, i) => (IProgress<long>)new Reporter(value =>
                {
                    if (!task.IsStarted)
                    {
                        task.StartTask();
                    }

                    task.Value = steps[i].Total == 0 ? 1 : value;
                })).ToList();
                result = await work(reporters).ConfigureAwait(false);
                foreach (var task in tasks)
                {
                    task.Value = task.MaxValue;
                    task.StopTask();
                }
            }).ConfigureAwait(false);
        return result;
    }

    /// <summary>Reports synchronously: <see cref="Progress{T}"/> would post to the thread pool and reorder values.</summary>
    private sealed class Reporter(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
