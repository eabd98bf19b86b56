using System.Globalization;

namespace FabricEvidence.Network.Benchmarks;

/// <summary>
/// CPU seconds of the network's processes (orderer, peers, chaincode services: the records network.sh keeps under
/// <c>STATE_DIR/pids</c>, each with the processes it started), read from <c>/proc/PID/stat</c> (utime + stime), so
/// that a measurement can say which process an operation costs what. Empty where there is no <c>/proc</c>.
/// </summary>
internal static class ProcessCpu
{
    // USER_HZ: 100 on every Linux that .NET runs on.
    private const double TicksPerSecond = 100;

    /// <summary>The network's processes by record name, from the folder of <paramref name="networkEnv"/>.</summary>
    public static Dictionary<string, int> Find(string networkEnv)
    {
        var pids = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(networkEnv))!, "pids");
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!Directory.Exists(pids) || !Directory.Exists("/proc"))
        {
            return found;
        }

        foreach (var record in Directory.EnumerateFiles(pids).Order(StringComparer.Ordinal))
        {
            if (int.TryParse(File.ReadLines(record).FirstOrDefault(), CultureInfo.InvariantCulture, out var pid))
            {
                found[Path.GetFileName(record)] = pid;
            }
        }

        return found;
    }

    /// <summary>CPU seconds so far of each process and its descendants.</summary>
    public static Dictionary<string, double> Sample(IReadOnlyDictionary<string, int> processes)
    {
        var table = new List<(int Pid, int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } entry)
            {
                table.Add((pid, entry.Parent, entry.Ticks));
            }
        }

        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, root) in processes)
        {
            var tree = new HashSet<int> { root };
            for (var grew = true; grew;)
            {
                grew = false;
                foreach (var (pid, parent, _) in table)
                {
                    grew |= tree.Contains(parent) && tree.Add(pid);
                }
            }

            result[name] = table.Where(p => tree.Contains(p.Pid)).Sum(p => p.Ticks) / TicksPerSecond;
        }

        return result;
    }

    private static (int Parent, long Ticks)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces; the fields after it are plain.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
        return (int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }
}
