using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FabricEvidence.Gateway;
using FabricEvidence.Gateway.Benchmarks;
using Grpc.Net.Client;

// Modes:
//   proposals [seconds]              proposals built and signed per second, one thread
//   evaluate  [seconds] [inFlight]   evaluate round trips per second against a bench server in another process
//   server [failing]                 run the bench server (prints "LISTENING host:port"; stops when stdin closes);
//                                    "failing" answers every call with Unavailable
//   storm     [calls] [loops]        memory of the process before and after a storm of failing calls (default
//                                    100,000 calls in 8 loops), against a closed port and against a server answering
//                                    Unavailable: working set and GC heap after full collections
//   compare   [seconds]              all of the above for this SDK and for Hyperledger's Node client, as a table
// Throughput is also reported per CPU-second of the client process, which is what "per core" means here: the server
// runs in its own process so its work is not counted.
var mode = args.Length > 0 ? args[0] : "compare";
var seconds = args.Length > 1 && double.TryParse(args[1], CultureInfo.InvariantCulture, out var s) ? s : 5;
switch (mode)
{
    case "server":
        await BenchServer.RunAsync(failing: args.Length > 1 && args[1] == "failing");
        return 0;
    case "storm":
    {
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var loops = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        await Storm.RunAsync(BenchIdentity.Create(), calls, loops);
        return 0;
    }
    case "proposals":
        Print(await Measure.ProposalsAsync(BenchIdentity.Create(), seconds));
        return 0;
    case "evaluate":
    {
        var inFlight = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        await using var server = await ServerProcess.StartAsync();
        Print(await Measure.EvaluateAsync(BenchIdentity.Create(), server.Address, seconds, inFlight));
        return 0;
    }

    case "compare":
        await Compare.RunAsync(seconds);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'. Use proposals, evaluate, server, storm or compare.");
        return 2;
}

static void Print(Result r) => Console.WriteLine(r);

namespace FabricEvidence.Gateway.Benchmarks
{
    internal sealed record Result(string Name, long Operations, double Seconds, double CpuSeconds)
    {
        public double PerSecond => Operations / Seconds;

        public double PerCpuSecond => Operations / CpuSeconds;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Name}: {Operations} ops in {Seconds:F2} s = {PerSecond:N0}/s; {PerCpuSecond:N0} per CPU-second");
    }

    /// <summary>A throw-away ECDSA P-256 identity, as a Fabric CA would issue.</summary>
    internal sealed class BenchIdentity
    {
        private BenchIdentity(X509Certificate2 certificate, string keyPem)
        {
            Certificate = certificate;
            KeyPem = keyPem;
        }

        public X509Certificate2 Certificate { get; }

        public string KeyPem { get; }

        public string CertificatePem => Identities.ToPem(Certificate);

        public static BenchIdentity Create()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=bench, O=org1.example.com", key, HashAlgorithmName.SHA256);
            var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            return new BenchIdentity(X509CertificateLoader.LoadCertificate(certificate.RawData), key.ExportPkcs8PrivateKeyPem());
        }

        public IGateway Connect(GrpcChannel channel)
        {
            using var key = PrivateKey.FromPem(KeyPem);
            return FabricGateway.Connect(new GatewayOptions
            {
                Channel = channel,
                Identity = new X509Identity("Org1MSP", Certificate),
                Signer = Identities.CreateSigner(key, Certificate),
                Resilience = ResilienceOptions.Disabled,
            });
        }
    }

    internal static class Measure
    {
        public static async Task<Result> ProposalsAsync(BenchIdentity identity, double seconds)
        {
            using var channel = GrpcChannel.ForAddress("http://127.0.0.1:1");
            await using var gateway = identity.Connect(channel);
            using var key = PrivateKey.FromPem(identity.KeyPem);
            var signer = Signers.CreatePrivateKeySigner(key);
            var contract = gateway.GetNetwork("mychannel").GetContract("basic");
            var options = new ProposalOptions().AddArguments("asset1", "blue", "5", "Tom", "1300");

            async Task<long> Loop(TimeSpan duration)
            {
                long count = 0;
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed < duration)
                {
                    for (var i = 0; i < 100; i++)
                    {
                        var proposal = contract.NewProposal("CreateAsset", options);
                        _ = await signer.SignAsync(proposal.GetDigest());
                    }

                    count += 100;
                }

                return count;
            }

            await Loop(TimeSpan.FromSeconds(Math.Min(2, seconds / 2)));
            return await Timed(".NET proposals built+signed", () => Loop(TimeSpan.FromSeconds(seconds)));
        }

        public static async Task<Result> EvaluateAsync(BenchIdentity identity, string address, double seconds, int inFlight)
        {
            using var channel = GrpcChannel.ForAddress("http://" + address);
            await using var gateway = identity.Connect(channel);
            var contract = gateway.GetNetwork("mychannel").GetContract("basic");

            async Task<long> Loop(TimeSpan duration)
            {
                var watch = Stopwatch.StartNew();
                var counts = await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
                {
                    long count = 0;
                    while (watch.Elapsed < duration)
                    {
                        await contract.EvaluateTransactionAsync("ReadAsset", ["asset1"]);
                        count++;
                    }

                    return count;
                }));
                return counts.Sum();
            }

            await Loop(TimeSpan.FromSeconds(Math.Min(2, seconds / 2)));
            return await Timed($".NET evaluate round trips ({inFlight} in flight)", () => Loop(TimeSpan.FromSeconds(seconds)));
        }

        private static async Task<Result> Timed(string name, Func<Task<long>> run)
        {
            GC.Collect();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var operations = await run();
            watch.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            return new Result(name, operations, watch.Elapsed.TotalSeconds, cpu);
        }
    }

    /// <summary>The bench server in a child process, so its CPU time is not charged to the client being measured.</summary>
    internal sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private ServerProcess(Process process, string address)
        {
            _process = process;
            Address = address;
        }

        public string Address { get; }

        public static async Task<ServerProcess> StartAsync(bool failing = false)
        {
            var self = Environment.ProcessPath!;
            var psi = new ProcessStartInfo(self)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            {
                psi.ArgumentList.Add(typeof(ServerProcess).Assembly.Location);
            }

            psi.ArgumentList.Add("server");
            if (failing)
            {
                psi.ArgumentList.Add("failing");
            }
            var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the bench server.");
            var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The bench server exited.");
            return new ServerProcess(process, line["LISTENING ".Length..].Trim());
        }

        public async ValueTask DisposeAsync()
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(5000))
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync();
            _process.Dispose();
        }
    }

    internal static class Compare
    {
        public static async Task RunAsync(double seconds)
        {
            var nodeDir = FindNodePackage();
            var identity = BenchIdentity.Create();
            await using var server = await ServerProcess.StartAsync();
            var rows = new List<(Result Ours, Result Node)>();

            rows.Add((await Measure.ProposalsAsync(identity, seconds), await NodeAsync(nodeDir, "proposals", identity, server.Address, seconds, 1)));
            rows.Add((await Measure.EvaluateAsync(identity, server.Address, seconds, 1), await NodeAsync(nodeDir, "evaluate", identity, server.Address, seconds, 1)));
            rows.Add((await Measure.EvaluateAsync(identity, server.Address, seconds, 16), await NodeAsync(nodeDir, "evaluate", identity, server.Address, seconds, 16)));

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Gateway client throughput, {seconds:0.#} s per run, {Environment.ProcessorCount} cores, .NET {Environment.Version}, Node {NodeVersion()}"));
            Console.WriteLine();
            Console.WriteLine("| Benchmark | .NET ops/s | .NET ops/CPU-s | Node ops/s | Node ops/CPU-s | .NET/Node per core |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (ours, node) in rows)
            {
                var name = ours.Name.Replace(".NET ", string.Empty, StringComparison.Ordinal);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {ours.PerSecond:N0} | {ours.PerCpuSecond:N0} | {node.PerSecond:N0} | {node.PerCpuSecond:N0} | {ours.PerCpuSecond / node.PerCpuSecond:F2}x |"));
            }
        }

        private static async Task<Result> NodeAsync(string nodeDir, string mode, BenchIdentity identity, string address, double seconds, int inFlight)
        {
            var input = new JsonObject
            {
                ["mode"] = mode,
                ["address"] = address,
                ["mspId"] = "Org1MSP",
                ["certPem"] = identity.CertificatePem,
                ["keyPem"] = identity.KeyPem,
                ["seconds"] = seconds,
                ["inFlight"] = inFlight,
            };
            var psi = new ProcessStartInfo("node")
            {
                WorkingDirectory = nodeDir,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(Path.Combine(nodeDir, "bench.js"));
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start.");
            await process.StandardInput.WriteAsync(input.ToJsonString());
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node bench.js failed: {await stderr}");
            }

            var output = JsonDocument.Parse(await stdout).RootElement;
            var result = new Result($"Node {mode}", output.GetProperty("operations").GetInt64(), output.GetProperty("seconds").GetDouble(), output.GetProperty("cpuSeconds").GetDouble());
            Console.WriteLine(result);
            return result;
        }

        private static string NodeVersion()
        {
            using var process = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true }) !;
            var version = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }

        private static string FindNodePackage()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tests", "testassets", "node", "gateway");
                if (File.Exists(Path.Combine(candidate, "bench.js")))
                {
                    if (!Directory.Exists(Path.Combine(candidate, "node_modules")))
                    {
                        throw new InvalidOperationException($"Run 'npm ci' in {candidate} first: compare mode runs Hyperledger's Node client from there.");
                    }

                    return candidate;
                }
            }

            throw new InvalidOperationException("tests/testassets/node/gateway/bench.js not found above " + AppContext.BaseDirectory);
        }
    }
}
