using System.Globalization;
using FabricEvidence.Evidence.Benchmarks;

// Usage: dotnet run -c Release -- digest [MiB] [rounds] [directory]
var mode = args.Length > 0 ? args[0] : "digest";
var mib = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var directory = args.Length > 3 ? args[3] : Path.GetTempPath();

switch (mode)
{
    case "digest":
        await DigestBenchmark.RunAsync(directory, mib * Measure.MiB, rounds);
        break;
    case "memory":
        DigestBenchmark.CompareInMemory(mib * Measure.MiB, rounds);
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'; use digest.");
        return 2;
}

return 0;
