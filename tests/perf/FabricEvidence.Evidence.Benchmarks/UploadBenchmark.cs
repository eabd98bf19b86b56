using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FabricEvidence.Evidence.Storage;
using FabricEvidence.Evidence.StorageService;
using FabricEvidence.Evidence.StorageService.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FabricEvidence.Evidence.Benchmarks;

/// <summary>
/// Uploads through the storage service to its file-system store over loopback, the service in a child process so
/// that its peak memory is its own: one 1 GiB file against <c>cp</c> then <c>sha256sum</c> of the same file, and ten
/// concurrent 100 MiB uploads. The ledger is the in-memory one (the figures are the service's, not Fabric's); every
/// upload must come back confirmed.
/// </summary>
internal static class UploadBenchmark
{
    private const string Org = "Org1MSP";

    public static async Task<int> RunAsync(string directory, long length, int concurrent, long concurrentLength)
    {
        var work = Path.Combine(directory, "fe-upload-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var (caPem, identity, key) = CreateIdentity(work);
            var big = Measure.CreateFile(directory, length);
            var small = Measure.CreateFile(directory, concurrentLength);
            Measure.RunTool("sh", "-c", "cat \"$0\" \"$1\" > /dev/null", big, small); // warm the page cache

            var copy = Path.Combine(work, "copy.bin");
            var cp = Measure.RunTool("cp", big, copy).Elapsed;
            File.Delete(copy);
            var sum = Measure.RunTool("sha256sum", big);
            var digest = sum.Output.Split(' ')[0];
            var baseline = cp + sum.Elapsed;

            using var service = ServiceProcess.Start(Path.Combine(work, "objects"), caPem);
            using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = service.Address, Timeout = TimeSpan.FromHours(1) };
            await service.SubmitAsync(http, "EV-big", digest, length, identity);
            var idle = MemorySampler.Read(service.Pid);
            var sampler = new MemorySampler(service.Pid);
            var cpu = service.CpuTime();
            var gc = await service.GcAsync(http);
            var clock = Stopwatch.StartNew();
            await UploadAsync(http, "EV-big", big, length, identity, key);
            clock.Stop();
            var bigUpload = clock.Elapsed;
            cpu = service.CpuTime() - cpu;
            gc = (await service.GcAsync(http)) - gc;
            var bigPeak = Measure.PeakResident(service.Pid);
            var bigAnon = await sampler.StopAsync();

            Console.WriteLine($"Upload of {Measure.Memory(length)} through the service (file-system store, loopback, HTTP/1.1, signed requests)");
            Console.WriteLine($"  cp                          {cp.TotalSeconds,6:F2} s");
            Console.WriteLine($"  sha256sum                   {sum.Elapsed.TotalSeconds,6:F2} s");
            Console.WriteLine($"  cp + sha256sum              {baseline.TotalSeconds,6:F2} s  {Measure.Rate(length, baseline)}");
            Console.WriteLine($"  service upload (stored, confirmed) {clock.Elapsed.TotalSeconds,6:F2} s  {Measure.Rate(length, clock.Elapsed)}  = {baseline / clock.Elapsed:P0} of cp + sha256sum (target >= 70 %)");
            Console.WriteLine($"  service CPU for the upload  {cpu.TotalSeconds,6:F2} s; {gc}");
            Console.WriteLine($"  service idle RSS            {Measure.Memory(idle.Rss)}, of which mapped files (runtime and libraries) {Measure.Memory(idle.File)}, anonymous {Measure.Memory(idle.Anon)}");
            Console.WriteLine($"  service peak RSS            {Measure.Memory(bigPeak)} (target < 100 MiB); peak anonymous memory (heap, buffers) {Measure.Memory(bigAnon)}");

            var smallDigest = Measure.RunTool("sha256sum", small).Output.Split(' ')[0];
            var ids = Enumerable.Range(1, concurrent).Select(i => $"EV-c{i}").ToArray();
            foreach (var id in ids)
            {
                await service.SubmitAsync(http, id, smallDigest, concurrentLength, identity);
            }

            service.ResetPeak();
            sampler = new MemorySampler(service.Pid);
            clock.Restart();
            var receipts = await Task.WhenAll(ids.Select(id => UploadAsync(http, id, small, concurrentLength, identity, key)));
            clock.Stop();
            var concurrentAnon = await sampler.StopAsync();
            var confirmed = receipts.Count(r => r.State == "Stored" && r.Digest == smallDigest);
            var total = concurrentLength * concurrent;
            Console.WriteLine($"{concurrent} concurrent uploads of {Measure.Memory(concurrentLength)}");
            Console.WriteLine($"  confirmed                   {confirmed} of {concurrent}");
            Console.WriteLine($"  wall time                   {clock.Elapsed.TotalSeconds,6:F2} s  {Measure.Rate(total, clock.Elapsed)} in total");
            Console.WriteLine($"  service peak RSS            {Measure.Memory(Measure.PeakResident(service.Pid))}; peak anonymous memory {Measure.Memory(concurrentAnon)}");
            var met = baseline / bigUpload >= 0.70 && bigPeak < 100 * Measure.MiB;
            Console.WriteLine(met
                ? "Verdict: targets met (1 GiB upload >= 70 % of cp + sha256sum, service peak RSS < 100 MiB)."
                : "Verdict: a target is missed (1 GiB upload >= 70 % of cp + sha256sum, service peak RSS < 100 MiB).");
            return confirmed != concurrent ? 1 : met ? 0 : 3;
        }
        finally
        {
            // The store leaves its objects read-only.
            foreach (var entry in Directory.EnumerateFileSystemEntries(work, "*", SearchOption.AllDirectories))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(entry, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The child process: the service on a free loopback port with the in-memory ledger and a submit endpoint for the driver.</summary>
    public static async Task ServeAsync(string root, string caPem)
    {
        var ledger = new InMemoryEvidenceLedger();
        var builder = StorageServiceApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["StorageService:FileSystem:RootPath"] = root,
            ["StorageService:Integrity:Enabled"] = "false",
            [$"StorageService:Authentication:Organisations:{Org}:CaCertificates:0"] = caPem,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IEvidenceLedger>(ledger);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = StorageServiceApplication.Build(builder);
        // What an investigator's Submit would put on the ledger: the driver tells the digest, size and submitter.
        // A plain RequestDelegate, like the service's endpoints: parameter binding would load expression trees and
        // Reflection.Emit into the process whose memory is being measured.
        app.MapPost("/bench/submit", context =>
        {
            var query = context.Request.Query;
            ledger.Submit(query["id"]!, new ContentDigest(DigestAlgorithm.Sha256, query["digest"]!), long.Parse(query["size"]!, CultureInfo.InvariantCulture), new LedgerParty(Org, query["fingerprint"]!));
            return Task.CompletedTask;
        }).AllowAnonymous();
        // What the service's garbage collector did, for the driver to report next to the memory figures.
        app.MapGet("/bench/gc", context => context.Response.WriteAsync(string.Join(' ',
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), System.Runtime.GCSettings.IsServerGC ? "server" : "workstation"))).AllowAnonymous();
        await app.StartAsync();
        Console.WriteLine("LISTENING " + app.Urls.Single());
        await Console.In.ReadLineAsync();
        await app.StopAsync();
    }

    private static async Task<global::FabricEvidence.Evidence.StorageService.StorageReceipt> UploadAsync(HttpClient http, string id, string path, long length, X509Certificate2 certificate, ECDsa key)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(http.BaseAddress!, $"/items/{id}/upload")) { Content = new StreamContent(file, 1024 * 1024) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        request.Content.Headers.ContentLength = length;
        request.Headers.Add("Upload-Offset", "0");
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        RequestSignature.Sign(request, certificate, key);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Upload of {id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<global::FabricEvidence.Evidence.StorageService.StorageReceipt>())!;
    }

    /// <summary>A throw-away organisation CA and an investigator enrolled with it (role in Fabric CA's extension).</summary>
    private static (string CaPem, X509Certificate2 Identity, ECDsa Key) CreateIdentity(string work)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=ca.bench.example", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=investigator, OU=client", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509Extension("1.2.3.4.5.6.7.8.1", Encoding.UTF8.GetBytes("{\"attrs\":{\"role\":\"investigator\"}}"), false));
        var identity = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        var caPem = Path.Combine(work, "ca.pem");
        File.WriteAllText(caPem, ca.ExportCertificatePem());
        return (caPem, identity, key);
    }

    /// <summary>
    /// Samples a process's anonymous resident memory (its heap and buffers, without the mapped code of the runtime,
    /// which is shared and which VmHWM counts) every 10 ms, for its peak.
    /// </summary>
    private sealed class MemorySampler
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<long> _peak;

        public MemorySampler(int pid) => _peak = Task.Run(async () =>
        {
            long peak = 0;
            while (!_stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Read(pid).Anon);
                await Task.Delay(10);
            }

            return peak;
        });

        public static (long Rss, long Anon, long File) Read(int pid)
        {
            long rss = -1, anon = -1, file = -1;
            foreach (var line in System.IO.File.ReadLines($"/proc/{pid}/status"))
            {
                var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                var value = parts.Length > 1 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var kib) ? kib * 1024 : -1;
                switch (parts[0])
                {
                    case "VmRSS:":
                        rss = value;
                        break;
                    case "RssAnon:":
                        anon = value;
                        break;
                    case "RssFile:":
                        file = value;
                        break;
                }
            }

            return (rss, anon, file);
        }

        public async Task<long> StopAsync()
        {
            await _stop.CancelAsync();
            var peak = await _peak;
            _stop.Dispose();
            return peak;
        }
    }

    /// <summary>This program started again in <c>serve</c> mode.</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly Process _process;

        private ServiceProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public int Pid => _process.Id;

        /// <summary>
        /// Starts <c>dotnet exec</c> on this assembly with the service's own runtimeconfig.json (copied next to it by
        /// the project reference), so that the child runs under the runtime settings the service ships with (GC mode,
        /// tiered compilation, globalization), not this console program's: those settings are what the memory
        /// figures are about.
        /// </summary>
        public static ServiceProcess Start(string root, string caPem)
        {
            var directory = Path.GetDirectoryName(typeof(UploadBenchmark).Assembly.Location)!;
            var runtimeConfig = Path.Combine(directory, "FabricEvidence.Evidence.StorageService.runtimeconfig.json");
            if (!File.Exists(runtimeConfig))
            {
                throw new InvalidOperationException($"{runtimeConfig} is missing: build the benchmark project, which copies it from the service.");
            }

            // shared/Microsoft.NETCore.App/<version>/ is three levels below the dotnet root that holds the host.
            var dotnetRoot = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            var host = Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            var psi = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in new[] { "exec", "--runtimeconfig", runtimeConfig, typeof(UploadBenchmark).Assembly.Location, "serve", root, caPem })
            {
                psi.ArgumentList.Add(arg);
            }

            var process = Process.Start(psi) ?? throw new InvalidOperationException("The service process did not start.");
            var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The service process ended before listening.");
            return new ServiceProcess(process, new Uri(line["LISTENING ".Length..]));
        }

        public async Task SubmitAsync(HttpClient http, string id, string digest, long size, X509Certificate2 submitter)
        {
            var fingerprint = Convert.ToHexStringLower(SHA256.HashData(submitter.RawData));
            using var response = await http.PostAsync(new Uri(Address, $"/bench/submit?id={id}&digest={digest}&size={size}&fingerprint={fingerprint}"), null);
            response.EnsureSuccessStatusCode();
        }

        /// <summary>User and system CPU time the service process has used (Linux /proc/PID/stat, in clock ticks of 10 ms).</summary>
        public TimeSpan CpuTime()
        {
            var stat = File.ReadAllText($"/proc/{Pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name.
            return TimeSpan.FromMilliseconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10);
        }

        public async Task<GcCounts> GcAsync(HttpClient http)
        {
            var parts = (await http.GetStringAsync(new Uri(Address, "/bench/gc"))).Split(' ');
            return new GcCounts(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture), parts[4]);
        }

        public void ResetPeak() => File.WriteAllText($"/proc/{Pid}/clear_refs", "5");

        public void Dispose()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(30_000))
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }

    /// <summary>Collections per generation and bytes allocated by the service; differences of two readings.</summary>
    private sealed record GcCounts(int Gen0, int Gen1, int Gen2, long Allocated, string Mode)
    {
        public static GcCounts operator -(GcCounts after, GcCounts before) =>
            new(after.Gen0 - before.Gen0, after.Gen1 - before.Gen1, after.Gen2 - before.Gen2, after.Allocated - before.Allocated, after.Mode);

        public override string ToString() =>
            $"{Mode} GC: {Gen0}/{Gen1}/{Gen2} collections (gen 0/1/2), {Measure.Memory(Allocated)} allocated";
    }
}
