using System.Globalization;
using FabricEvidence.Evidence.Benchmarks;

// Usage: dotnet run -c Release -- digest [MiB] [rounds] [directory]
//        dotnet run -c Release -- upload [MiB] [concurrent uploads] [directory] [MiB per concurrent upload]
var mode = args.Length > 0 ? args[0] : "digest";
if (mode == "serve")
{
    // The service process the upload benchmark starts: serve <root> <CA PEM>.
    await UploadBenchmark.ServeAsync(args[1], args[2]);
    return 0;
}

var mib = args.Length > 1 ? long.Parse(args[1], CultureInfo.InvariantCulture) : 1024;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
var directory = args.Length > 3 ? args[3] : Path.GetTempPath();

switch (mode)
{
    case "digest":
        await DigestBenchmark.RunAsync(directory, mib * Measure.MiB, rounds);
        break;
    case "upload":
        return await UploadBenchmark.RunAsync(directory, mib * Measure.MiB, rounds, (args.Length > 4 ? long.Parse(args[4], CultureInfo.InvariantCulture) : 100) * Measure.MiB);
    case "memory":
        DigestBenchmark.CompareInMemory(mib * Measure.MiB, rounds);
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'; use digest, memory or upload.");
        return 2;
}

return 0;
